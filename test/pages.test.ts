// The site's pages as the content implies them: which paths exist (what links may point
// at), what a hub's subject is called, and which entries link to a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../src/model/entry.ts';
import { entryPath, linkableSubjects, linkedFrom, linkedPaths, ownHub, pagePath, sitePages, subjectTitle } from '../src/model/pages.ts';
import { loadProject, type Project } from '../src/model/project.ts';
import { COST, edit, entryFrom, makeAtlas, PALETTE_ENTRY, read, TIMELINE } from './helpers.ts';

const GUIDE = 'content/entries/debugging/example-dns-timeouts.md';

function entryWith(project: Project, file: string, change: (t: string) => string): Entry {
  const text = read(project.root, file);
  const changed = change(text);
  assert.notEqual(changed, text, 'the test changes the entry');
  return entryFrom(file, changed);
}

test('an entry file has one site path, lower-case, without content/entries and .md', () => {
  assert.equal(entryPath('content/entries/incidents/GitHub-2018/Timeline.md'), '/incidents/github-2018/timeline/');
  assert.equal(entryPath('content/entries/costs/example-storage.md'), '/costs/example-storage/');
  assert.equal(entryPath('content/entries/guides/a.md-notes.md'), '/guides/a.md-notes/');
});

test('the site builds fixed pages, listings of categories with entries, a hub per subject, and a page per entry', () => {
  const project = loadProject(makeAtlas());
  const pages = sitePages(project);
  for (const page of ['/', '/respond/', '/dashboard/', '/sources/', '/glossary/', '/style-guide/', '/systems/']) assert.ok(pages.has(page), page);
  for (const page of ['/incidents/', '/costs/', '/capacity/', '/debugging/', '/guarantees/']) assert.ok(pages.has(page), page);
  assert.ok(!pages.has('/patterns/'), 'no listing for a category without entries');
  // Hubs: every subject the taxonomy lists, with or without entries; incidents name their own.
  assert.ok(pages.has('/guarantees/linearizability/'));
  assert.ok(pages.has('/guarantees/strict-serializability/'));
  assert.ok(pages.has('/systems/github/'));
  assert.ok(pages.has('/incidents/example-2020-01-01/'));
  assert.ok(!pages.has('/costs/github/'), 'no hubs in a category without subjects');
  for (const entry of project.entries) assert.ok(pages.has(entryPath(entry.file)), entry.file);
  assert.equal(pages.size, 7 + 5 + project.taxonomy.systems.length + project.taxonomy.guarantees.length + project.taxonomy.mechanisms.length + project.taxonomy.patterns.length + 1 + project.entries.length);
});

test('a hub is named by its taxonomy title, an incident by its entries\' titles (timeline first), else by its slug', () => {
  const dir = makeAtlas();
  const project = loadProject(dir);
  assert.equal(subjectTitle(project, 'guarantees', 'linearizability'), 'Linearizability');
  assert.equal(subjectTitle(project, 'systems', 'github'), project.taxonomy.systems.find((s) => s.id === 'github')!.title);
  assert.equal(subjectTitle(project, 'guarantees', 'nothing-known'), 'nothing-known');
  assert.equal(subjectTitle(project, 'costs', 'anything'), 'anything');
  assert.equal(subjectTitle(project, 'incidents', 'example-2020-01-01'), 'Example outage');
  assert.equal(subjectTitle(project, 'incidents', 'no-such-incident'), 'no-such-incident');
  // A recovery entry named differently: the timeline's name still wins, whatever the order.
  const recovery = entryWith(project, TIMELINE, (t) => t.replace('title: "Example outage: timeline"', 'title: "Another name: recovery"').replace('kind: timeline', 'kind: recovery').replace('id: INC-EXAMPLE-2020-01-01-TIMELINE', 'id: INC-EXAMPLE-2020-01-01-RECOVERY'));
  for (const entries of [[recovery, ...project.entries], [...project.entries, recovery]]) {
    assert.equal(subjectTitle({ ...project, entries }, 'incidents', 'example-2020-01-01'), 'Example outage');
  }
  // Without a timeline, the entry whose title has a name.
  const untitled = entryWith(project, TIMELINE, (t) => t.replace('title: "Example outage: timeline"', 'title: "Untitled timeline"'));
  assert.equal(subjectTitle({ ...project, entries: [untitled, recovery] }, 'incidents', 'example-2020-01-01'), 'Another name');
  assert.equal(subjectTitle({ ...project, entries: [untitled] }, 'incidents', 'example-2020-01-01'), 'example-2020-01-01');
  // Only incident entries name an incident.
  const namesake = entryWith(project, PALETTE_ENTRY, (t) => t.replace('subject: linearizability', 'subject: example-2020-01-01'));
  assert.equal(subjectTitle({ ...project, entries: [untitled, namesake] }, 'incidents', 'example-2020-01-01'), 'example-2020-01-01');
});

test('labels can link the subjects whose hubs have entries, by name, once each', () => {
  const dir = makeAtlas();
  const project = loadProject(dir);
  assert.deepEqual(
    linkableSubjects(project).sort((a, b) => a.path.localeCompare(b.path)),
    [
      { name: 'Linearizability', path: '/guarantees/linearizability/' },
      { name: 'Example outage', path: '/incidents/example-2020-01-01/' },
    ],
  );
  const second = entryWith(project, PALETTE_ENTRY, (t) => t.replace('kind: implementation', 'kind: concept').replace('GUA-LINEARIZABILITY-IMPLEMENTATION', 'GUA-LINEARIZABILITY-CONCEPT'));
  assert.equal(linkableSubjects({ ...project, entries: [...project.entries, second] }).length, 2, 'one per hub');
  const unnamed = entryWith(project, TIMELINE, (t) => t.replace('title: "Example outage: timeline"', 'title: "Untitled timeline"'));
  assert.deepEqual(linkableSubjects({ ...project, entries: [unnamed] }), [], 'an incident known only by its slug');
  const subjectInCosts = entryWith(project, COST, (t) => t.replace('category: costs', 'category: costs\nsubject: github'));
  assert.deepEqual(linkableSubjects({ ...project, entries: [subjectInCosts] }), [], 'a category without hubs');
  assert.equal(ownHub(project.entries.find((e) => e.file === TIMELINE)!), '/incidents/example-2020-01-01/');
  assert.equal(ownHub(project.entries.find((e) => e.file === COST)!), undefined);
});

test('a site path loses its query and fragment, is decoded, and ends with a slash', () => {
  assert.equal(pagePath('/incidents/'), '/incidents/');
  assert.equal(pagePath('/incidents'), '/incidents/');
  assert.equal(pagePath('/incidents/x/?q=1#top'), '/incidents/x/');
  assert.equal(pagePath('/incidents/x#top'), '/incidents/x/');
  assert.equal(pagePath('/systems/a%20b/'), '/systems/a b/');
});

test('an entry points at the pages its links and click targets name; the index of who links where leaves out the page itself', () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) =>
    t
      .replace('See the [guarantee]', 'See [x](https://example.com/a), [r](https://example.com/README.md), [y](mailto:a@example.com), [s](s3:bucket/key.md), [z](#impact), [w](/costs/?a=1), [self](timeline.md), [img](./diagram.png), [q](../../costs/example-storage.md?v=2#top) and the [guarantee]')
      .replace('click D "https://example.com/postmortem" "The postmortem"', 'click D "/systems/github/"'),
  );
  const project = loadProject(dir);
  const timeline = project.entries.find((e) => e.file === TIMELINE)!;
  assert.deepEqual([...linkedPaths(timeline)].sort(), [
    '/costs/',
    '/costs/example-storage/',
    '/guarantees/linearizability/implementation/',
    '/incidents/example-2020-01-01/timeline/',
    '/systems/github/',
  ]);
  assert.deepEqual(linkedFrom(project, '/guarantees/linearizability/implementation/').map((e) => e.file), [TIMELINE]);
  assert.deepEqual(linkedFrom(project, '/incidents/example-2020-01-01/timeline/').map((e) => e.file), [GUIDE], 'not the timeline itself');
  assert.deepEqual(linkedFrom(project, '/systems/github/').map((e) => e.file), [TIMELINE]);
  assert.deepEqual(linkedFrom(project, '/nowhere/'), []);
});
