/**
 * The files an item carries (issue 14 item 3): its report and its background papers, each a PDF, a Word
 * document (DOCX) or Markdown. The one list the console (which takes them) and the public site (which serves
 * them) both read.
 */
export const REPORT_KINDS = ['report', 'background-paper'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_WORDS: Readonly<Record<ReportKind, string>> = {
  report: 'Report',
  'background-paper': 'Background paper',
};

export interface ReportFileType {
  mediaType: string;
  /** How the file is kept on disk: <sha256><ext>. */
  ext: string;
  /** What a reader is told they will open. */
  words: string;
}

export const REPORT_FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', ext: '.pdf', words: 'PDF' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: '.docx',
    words: 'Word document',
  },
  markdown: { mediaType: 'text/markdown; charset=utf-8', ext: '.md', words: 'Markdown' },
} as const satisfies Record<string, ReportFileType>;

/** The file type a stored media type stands for (Markdown for anything else, as before DOCX was taken). */
export function reportFileType(mediaType: string): ReportFileType {
  return (
    Object.values(REPORT_FILE_TYPES).find((t) => t.mediaType === mediaType) ?? REPORT_FILE_TYPES.markdown
  );
}
