/**
 * Person-entered text shown in the Temporal Web UI, which renders summaries and details as markdown: each
 * character that could start a link, an image, inline HTML or emphasis is backslash-escaped, so a title such
 * as `[agenda](javascript:alert(1))` shows as written instead of becoming a live link. Escaped punctuation
 * renders as itself (CommonMark), so ordinary titles read the same.
 */
export function markdownText(text: string): string {
  return (
    text
      .replace(/[\\`*_~[\]()<>!|&@]/g, '\\$&')
      // Bare URLs and www. addresses are made links by GitHub-flavoured markdown's autolinks.
      .replace(/\b([a-z][a-z0-9+.-]*):/gi, '$1\\:')
      .replace(/\bwww\./gi, 'www\\.')
  );
}
