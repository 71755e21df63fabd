// A close match for a misspelt value, key or rule id: the diagnostic's text, replaced.
import type { FixProvider } from './api';
import { scalarText } from './edit';

export const replace: FixProvider<{ kind: 'replace'; candidates: string[] }> = ({ parsed, diagnostic, hint }) => {
  const start = parsed.lines.offset(diagnostic.range.start);
  const end = parsed.lines.offset(diagnostic.range.end);
  if (end <= start) return [];
  const old = parsed.text.slice(start, end);
  // A comment's rule id is plain text, not a YAML value.
  const inComment = parsed.comments.some((c) => c.start <= start && end <= c.start + c.text.length);
  return hint.candidates.slice(0, 5).map((c) => ({
    title: `Change to '${c}'`,
    uri: parsed.uri,
    edits: [{ start, end, newText: inComment ? c : scalarText(c, old) }],
    preferred: hint.candidates.length === 1,
    // One close match, and nothing else it could be.
    safe: hint.candidates.length === 1,
  }));
};
