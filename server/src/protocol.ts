// The messages this server and its VS Code client exchange beyond LSP,
// declared once for both.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** The edition in force for a file (the status bar shows it). */
export const EditionRequest = new RequestType<{ uri: string }, string, void>('assoc/edition');

/**
 * Settings or `.assocrc.yaml` changed what is in force: ask again. It carries
 * an empty object, because a notification with no parameters at all goes out
 * as `[null]`, which a client's typed handler rejects.
 */
export const ConfigurationChangedNotification = new NotificationType<Record<string, never>>('assoc/configurationChanged');
