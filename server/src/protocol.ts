// The messages this server and its VS Code client exchange beyond LSP,
// declared once for both.
import { NotificationType0, RequestType } from 'vscode-languageserver-protocol';

/** The edition in force for a file (the status bar shows it). */
export const EditionRequest = new RequestType<{ uri: string }, string, void>('assoc/edition');

/** Settings or `.assocrc.yaml` changed what is in force: ask again. */
export const ConfigurationChangedNotification = new NotificationType0('assoc/configurationChanged');
