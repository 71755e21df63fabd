import type { FixHint } from '../types';
import type { FixContext, FixCandidate, FixProvider } from './api';
import { replace } from './replace';
import { removeItem } from './remove-item';
import { removeField } from './remove-field';
import { addField } from './add-field';
import { endBefore, endOther } from './end-association';

/** One provider per kind of fix hint that the rules put on their diagnostics. */
const PROVIDERS: { [K in FixHint['kind']]: FixProvider<Extract<FixHint, { kind: K }>> } = {
  replace,
  'remove-item': removeItem,
  'remove-field': removeField,
  'add-field': addField,
  'end-before': endBefore,
  'end-other': endOther,
};

export function isFixHint(data: unknown): data is FixHint {
  return typeof data === 'object' && data !== null && typeof (data as { kind?: unknown }).kind === 'string' && (data as { kind: string }).kind in PROVIDERS;
}

/** Every candidate fix for a diagnostic's hint. */
export function candidates(ctx: FixContext): FixCandidate[] {
  const provider = PROVIDERS[ctx.hint.kind] as FixProvider;
  return provider(ctx);
}

export type { FixCandidate, OffsetEdit, FixContext } from './api';
