/** The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 ask every site for. */
import { html, page, type Council } from './layout';

export function accessibilityPage(council: Council): string {
  return page(council, {
    title: 'Accessibility statement',
    body: html`<p>
        ${council.name} wants as many people as possible to be able to use this register. You should be able
        to zoom in up to 400% without the text spilling off the screen, move through every page with a
        keyboard alone, and use every page with a screen reader. Every page is plain HTML with no scripts;
        tables have captions and header cells, and every page has one main heading and a link to skip to its
        content.
      </p>
      <h2>How accessible this register is</h2>
      <p>
        Every public page is checked automatically, in a real browser, against the Web Content Accessibility
        Guidelines version 2.2 at level AA (with axe-core) each time the software is tested; the last check
        found no failures. Automated checks do not find every problem.
      </p>
      <p>
        Some information cannot be published: the content of items exempt under Schedule 12A to the Local
        Government Act 1972 appears only as a notice saying which paragraph applies.
      </p>
      <h2>Other formats</h2>
      <p>
        The register is also open data: <a href="/oparl/v1">JSON in the shape of OParl 1.1</a>, the decisions
        as <a href="/decisions.rss">RSS</a> and the Forward Plan as a
        <a href="/forward-plan.ics">calendar</a>. If you need a document in another format, such as large
        print or audio, contact democratic services of ${council.name}.
      </p>
      <h2>Reporting problems and enforcement</h2>
      <p>
        Tell democratic services of ${council.name} about any problem not listed here. If you are not happy
        with the response, contact the Equality Advisory and Support Service (EASS). The Equality and Human
        Rights Commission enforces the accessibility regulations.
      </p>
      <h2>Compliance status</h2>
      <p>
        This register is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA
        standard.
      </p>`,
  });
}
