/** £1,234,567 or £1,234.50, without Intl (kept out of workflow code). */
export function formatGbp(n: number): string {
  const pence = Math.round(Math.abs(n) * 100);
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}£${grouped}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}
