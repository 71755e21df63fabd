import type { LineCounter, Node } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';

export function offsetRange(lines: LineCounter, start: number, end: number): Range {
  const s = lines.linePos(start);
  const e = lines.linePos(Math.max(start, end));
  return {
    start: { line: s.line - 1, character: s.col - 1 },
    end: { line: e.line - 1, character: e.col - 1 },
  };
}

export function nodeRange(lines: LineCounter, node: Node | null | undefined): Range {
  const r = node?.range;
  if (!r) return offsetRange(lines, 0, 0);
  return offsetRange(lines, r[0], r[1]);
}

/** Offset of an LSP position in a text. */
export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  return Math.min(i + pos.character, text.length);
}
