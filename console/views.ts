/**
 * The console's pages: Nunjucks templates (views/) on govuk-frontend's page template and components, in the
 * council's name, colour and logo. No GOV.UK crown and no GDS Transport font: those belong to GOV.UK alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';

const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

export interface Council {
  name: string;
  /** #rrggbb */
  colour: string;
  /** An SVG or PNG image, served at COUNCIL_LOGO_PATH and shown in the header with the name as its text. */
  logo?: { type: string; bytes: Buffer };
}

export const COUNCIL_LOGO_PATH = '/assets/council-logo';

/** The council's colour, and the few styles govuk-frontend has no class for. */
const CONSOLE_CSS = `:root{--govuk-brand-colour:BRAND}
.govflow-pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1rem}
.govflow-mail-frame{width:100%;height:30em;border:1px solid #b1b4b6}
.govflow-sign-out{display:inline-block;margin:.5rem 0}
.govflow-logo{display:block;max-height:48px;max-width:100%;margin-top:10px}
`;

export type Render = (template: string, context: Record<string, unknown>) => string;

export function createRenderer(council: Council): Render {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(__dirname, 'views'), GOVUK_DIST], { noCache: false }),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addGlobal('council', { name: council.name, colour: council.colour, logo: Boolean(council.logo) });
  env.addGlobal('councilLogoPath', COUNCIL_LOGO_PATH);
  return (template, context) => env.render(template, context);
}

/** A page that says one thing (a refusal, a receipt) in a few lines, with the way back to the start. */
export function messagePage(render: Render, view: (req: FastifyRequest) => Record<string, unknown>) {
  const html = htmlReply(render);
  return (req: FastifyRequest, reply: FastifyReply, status: number, title: string, lines: string[]) =>
    html(reply, status, 'message.njk', {
      ...view(req),
      title,
      lines,
      link: { href: '/', text: 'Back to the start' },
    });
}

/** A page from one of the console's templates, with its status. */
export function htmlReply(render: Render) {
  return (reply: FastifyReply, status: number, template: string, context: Record<string, unknown>) =>
    reply.code(status).type('text/html; charset=utf-8').send(render(template, context));
}

/**
 * govuk-frontend's stylesheet without its font (the @font-face rules and the font's name in every stack, so
 * Arial is used), with the council's colour as the brand colour.
 */
export function consoleStylesheet(council: Council): string {
  const css = readFileSync(path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,/g, 'font-family:')
    .replace(/font-family:GDS Transport([;}])/g, 'font-family:arial,sans-serif$1');
  return `${css}\n${CONSOLE_CSS.replace('BRAND', council.colour)}`;
}
