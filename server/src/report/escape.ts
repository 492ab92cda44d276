// Escaping for HTML text and attribute values: every user string (names, reasons, titles,
// owners, statement texts) goes through it before it is written into the page.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
