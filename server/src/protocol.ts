// The messages this server and its VS Code client exchange beyond LSP,
// declared once for both.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CoverageReport } from './service/coverage';

/** The edition in force for a file (the status bar shows it). */
export const EditionRequest = new RequestType<{ uri: string }, string, void>('assoc/edition');

/**
 * Settings or `.assocrc.yaml` changed what is in force: ask again. It carries
 * an empty object, because a notification with no parameters at all goes out
 * as `[null]`, which a client's typed handler rejects.
 */
export const ConfigurationChangedNotification = new NotificationType<Record<string, never>>('assoc/configurationChanged');

/** The coverage report's options: the day it is for (YYYY-MM-DD; default: the server's today), and an edition to compare with. */
export interface CoverageParams {
  asOf?: string;
  compare?: string;
}

/** The coverage report of the workspace's records, as the rules judge them (VS Code's Show Coverage). */
export const CoverageRequest = new RequestType<CoverageParams, CoverageReport, void>('assoc/coverage');
