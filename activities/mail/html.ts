/**
 * HTML escaping for mail bodies and public pages (member names and item titles are user text), and money.
 * Dates are shown by governance/display-dates.ts, the one formatter for every date a person reads.
 */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Integer pence as pounds: 10520000000 → "£105,200,000.00". */
export function money(pence: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
}
