import type { Position, Range } from 'vscode-languageserver-types';

/** A span of the text, as offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where the line that holds `offset` starts, in a text whose line breaks are
 * all LF, as a parsed record's text is (parse.ts reads CRLF and CR as LF).
 */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the line that holds `offset` ends, before its line break (or at the end of the text), in an LF text as above. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * Lines as LSP clients count them: LF, CRLF and a lone CR each end a line.
 * Positions are in UTF-16 code units, as JavaScript strings are. Every
 * conversion clamps to the text, so a range always lies inside the document.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    if (t.indexOf('\r') < 0) {
      // LF only, as most files are: the native search finds each line break.
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** The line the last lookup found: lookups come in the order of the text, most on the line before or the same. */
  private last = 0;

  /** The 0-based line that holds an offset. */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    const near = this.last;
    if (starts[near] <= o && (near + 1 === starts.length || o < starts[near + 1])) return near;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo;
  }

  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  /** Where a line's content ends: before its line break. */
  lineEnd(line: number): number {
    const starts = this.lineStarts();
    if (line >= starts.length - 1) return this.text.length;
    let end = starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    const o = Math.max(0, Math.min(offset, this.text.length));
    // An offset between the CR and LF of a CRLF stands at the end of its line.
    return { line, character: Math.min(o, this.lineEnd(line)) - this.lineStart(line) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The offset of a position; a line or character past the end is clamped to it. */
  offset(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return this.text.length;
    const start = starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }
}
