/**
 * The frame every public page shares: plain, accessible HTML in the GOV.UK manner — a skip link,
 * one h1 per page, tables with captions and header cells, British dates, no scripts at all.
 */
import { escapeHtml } from '../activities/mail/html';

export { escapeHtml };

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

const STYLE = `
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.4; color: #0b0c0c; }
  a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
  .skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; }
  header { background: #0b0c0c; color: #fff; padding: 12px 24px; }
  header a { color: #fff; font-weight: bold; text-decoration: none; font-size: 24px; }
  nav ul { list-style: none; margin: 0; padding: 8px 24px; border-bottom: 1px solid #b1b4b6; }
  nav li { display: inline-block; margin-right: 24px; }
  main { padding: 24px; max-width: 1100px; }
  h1 { font-size: 36px; margin: 0 0 24px; } h2 { font-size: 27px; margin: 32px 0 16px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 32px; font-size: 16px; }
  caption { text-align: left; font-weight: bold; font-size: 19px; margin-bottom: 8px; }
  th, td { text-align: left; vertical-align: top; padding: 8px 16px 8px 0; border-bottom: 1px solid #b1b4b6; }
  .exempt { font-style: italic; } .tag { display: inline-block; padding: 2px 8px; background: #1d70b8; color: #fff; font-size: 14px; }
  .hint { color: #505a5f; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; }
  dt { font-weight: bold; } dd { margin: 0; }
  iframe { width: 100%; height: 480px; border: 1px solid #b1b4b6; }
  .lines { white-space: pre-line; }
  pre { white-space: pre-wrap; background: #f3f2f1; padding: 12px; font-size: 14px; }
`;

export interface PageOptions {
  title: string;
  body: Html;
  /** Extra <head> links, e.g. the feed of this page. */
  alternates?: { type: string; href: string; title: string }[];
}

export function page(options: PageOptions): string {
  const links = (options.alternates ?? []).map(
    (a) => html`<link rel="alternate" type="${a.type}" href="${a.href}" title="${a.title}" />`,
  );
  return html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} – govflow public register</title>
        ${links}
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header><a href="/">govflow public register</a></header>
        <nav aria-label="Register">
          <ul>
            <li><a href="/forward-plan">Forward Plan</a></li>
            <li><a href="/meetings">Meetings</a></li>
            <li><a href="/decisions">Decisions</a></li>
          </ul>
        </nav>
        <main id="main">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html> `.value;
}
