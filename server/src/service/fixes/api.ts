import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParsedRecord } from '../parse';
import type { Edition, FixHint } from '../types';

/** An edit as offsets into its file's text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix before it is tried: edits to one file. */
export interface FixCandidate {
  title: string;
  /** The file it edits (the diagnostic's, or another one for a cross-file fix). */
  uri: string;
  edits: OffsetEdit[];
  /** The fix to prefer among several (an editor may apply it on its own). */
  preferred?: boolean;
  /**
   * Safe to apply unattended (`assoc-lint --fix`): it makes the record say what
   * it evidently meant, and decides nothing for the user (no date, no value to
   * choose, nothing to fill in).
   */
  safe?: boolean;
}

export interface FixContext<H extends FixHint = FixHint> {
  parsed: ParsedRecord;
  diagnostic: Diagnostic;
  hint: H;
  edition: Edition;
  /** Another record of the workspace, parsed. */
  lookup(uri: string): ParsedRecord | undefined;
}

/** The quick fixes of one kind of hint: every candidate; the service tries each and offers those that hold. */
export type FixProvider<H extends FixHint = FixHint> = (ctx: FixContext<H>) => FixCandidate[];
