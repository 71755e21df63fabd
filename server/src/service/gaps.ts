// The kinds of gap the coverage report lists, apart from the code that finds
// them, so that a renderer (the VS Code client bundles one) needs nothing else.

export type GapKind = 'ea-azure-unlinked' | 'incentive-without-poe' | 'ending-soon' | 'no-credit-customer' | 'no-credit-next-edition';

/** Each kind of gap, in the order reports list them, with its title. */
export const GAP_KINDS: ReadonlyArray<{ kind: GapKind; title: string }> = [
  { kind: 'no-credit-customer', title: 'Customers that earn nothing' },
  { kind: 'ea-azure-unlinked', title: 'EA Azure subscriptions with no DPOR or PAL that counts' },
  { kind: 'incentive-without-poe', title: 'Incentive CPOR claims without proof of execution' },
  { kind: 'ending-soon', title: 'Associations that end soon' },
  { kind: 'no-credit-next-edition', title: 'DPORs that earn nothing under the newest edition' },
];
