// Starlight writes each head entry's `content` as raw HTML (`set:html`), so a title that
// reached it unescaped could close <title> and open a <script>. Titles are text: escape them.
import { escapeHtml } from './html.ts';

export interface HeadEntry {
  tag: string;
  content?: string | undefined;
}

/** The page head with the <title> text escaped; other entries unchanged. */
export function escapeTitle<T extends HeadEntry>(head: T[]): T[] {
  return head.map((entry) => (entry.tag === 'title' && entry.content ? { ...entry, content: escapeHtml(entry.content) } : entry));
}
