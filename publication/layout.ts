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

/** Who publishes the register, from configuration (GOVFLOW_COUNCIL_NAME, _COLOUR and _LOGO). */
export interface Council {
  name: string;
  /** #rrggbb, dark enough for white text on it (the header). */
  colour: string;
  /** An SVG or PNG image, served at COUNCIL_LOGO_PATH and shown in the header in place of the name. */
  logo?: { type: string; bytes: Buffer };
}

export const COUNCIL_LOGO_PATH = '/assets/council-logo';

export const DEFAULT_COUNCIL: Council = { name: 'govflow', colour: '#1f4e79' };

const style = (colour: string) => `
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.4; color: #0b0c0c; }
  a { color: #1d70b8; } a:visited { color: #4c2c92; }
  a:focus, button:focus, input:focus, select:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
  .skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; }
  header { background: ${colour}; color: #fff; padding: 12px 24px; border-bottom: 8px solid #0b0c0c; }
  header a, header a:visited { color: #fff; font-weight: bold; text-decoration: none; font-size: 24px; }
  header p { margin: 0; font-size: 16px; }
  header img { display: block; max-height: 64px; max-width: 100%; margin-bottom: 4px; }
  nav ul { list-style: none; margin: 0; padding: 8px 24px; border-bottom: 1px solid #b1b4b6; }
  nav li { display: inline-block; margin-right: 24px; }
  main { padding: 24px; max-width: 1100px; }
  footer { padding: 16px 24px; border-top: 1px solid #b1b4b6; font-size: 16px; }
  footer a { margin-right: 16px; }
  h1 { font-size: 36px; margin: 0 0 24px; } h2 { font-size: 27px; margin: 32px 0 16px; }
  h3 { font-size: 21px; margin: 24px 0 8px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 32px; font-size: 16px; }
  caption { text-align: left; font-weight: bold; font-size: 19px; margin-bottom: 8px; }
  th, td { text-align: left; vertical-align: top; padding: 8px 16px 8px 0; border-bottom: 1px solid #b1b4b6; }
  .exempt { font-style: italic; } .tag { display: inline-block; padding: 2px 8px; background: #0b0c0c; color: #fff; font-size: 14px; }
  .hint { color: #505a5f; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; }
  dt { font-weight: bold; } dd { margin: 0; }
  .lines { white-space: pre-line; }
  td ul { margin: 0; padding-left: 20px; } ol.minutes > li { margin-bottom: 8px; }
  section.record { border-top: 2px solid #b1b4b6; }
  form.search { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; align-items: center; max-width: 700px; }
  form.search input, form.search select { font-size: 19px; padding: 4px; border: 2px solid #0b0c0c; }
  form.search button { grid-column: 2; justify-self: start; font-size: 19px; padding: 8px 16px; background: #00703c; color: #fff; border: 0; }
  @media print {
    body { font-size: 12pt; color: #000; }
    .skip, nav, footer, form.search { display: none; }
    header { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 8pt; }
    header a, header a:visited { color: #000; }
    main { padding: 0; max-width: none; }
    a { color: #000; }
    main a[href^="http"]::after, main a[href^="/"]::after { content: " (" attr(href) ")"; font-size: 10pt; }
    section.record, table, tr { break-inside: avoid; }
    .tag { border: 1px solid #000; background: none; color: #000; }
  }
`;

export interface PageOptions {
  title: string;
  body: Html;
  /** Extra <head> links, e.g. the feed of this page. */
  alternates?: { type: string; href: string; title: string }[];
  /** schema.org JSON-LD describing the page (a data block: not a script that runs). */
  jsonLd?: object;
}

/** JSON inside <script>: "<" escaped so no text in it can close the element. */
const jsonLdBlock = (value: object) =>
  new Html(`<script type="application/ld+json">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`);

export function page(council: Council, options: PageOptions): string {
  // The council's logo (its name as the alt text), or its name.
  const home = council.logo ? html`<img src="${COUNCIL_LOGO_PATH}" alt="${council.name}" />` : council.name;
  const links = (options.alternates ?? []).map(
    (a) => html`<link rel="alternate" type="${a.type}" href="${a.href}" title="${a.title}" />`,
  );
  return html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} – ${council.name} public register</title>
        ${links}
        <link rel="alternate" type="application/json" href="/oparl/v1" title="Open data (OParl 1.1)" />
        <style>
          ${new Html(style(council.colour))}
        </style>
        ${options.jsonLd ? jsonLdBlock(options.jsonLd) : ''}
      </head>
      <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header>
          <a href="/">${home}</a>
          <p>Public register of the joint commissioning boards</p>
        </header>
        <nav aria-label="Register">
          <ul>
            <li><a href="/forward-plan">Forward Plan</a></li>
            <li><a href="/meetings">Meetings</a></li>
            <li><a href="/decisions">Decisions</a></li>
            <li><a href="/search">Search</a></li>
          </ul>
        </nav>
        <main id="main">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
        <footer>
          <a href="/accessibility">Accessibility statement</a>
          <a href="/oparl/v1">Open data (OParl 1.1)</a>
        </footer>
      </body>
    </html> `.value;
}
