// The diagram viewer. A diagram is drawn at a scale (1 = Mermaid's own size) inside a
// frame that scrolls natively: sideways when the drawing is wider than the frame, and in
// both directions in full screen. Outside full screen the frame is as tall as the
// drawing, so a vertical swipe or wheel always scrolls the page. Native scrolling keeps
// touch panning, pinch (the browser's zoom) and text selection working; on top of it:
// Ctrl/Cmd + wheel zooms around the pointer, a mouse drag that starts off the label text
// pans (a drag on text selects it), buttons, keys (+ - 0 F Esc) once the pointer is over
// the diagram or it was clicked or focused, copy and download.

const MAX = 4;
const STEP = 1.25;
/** Labels open at least this many CSS pixels high, even when that needs sideways scrolling. */
const READABLE_PX = 11;
/** A mouse that moves less than this between press and release clicked; further, it pans. */
const DRAG_PX = 4;

export interface View {
  figure: HTMLElement;
  frame: HTMLElement;
  scale: number;
  /** The scale the diagram opened at; `0` and Reset return to it. */
  initial: number;
}

const darkTheme = () => document.documentElement.dataset.theme === 'dark';
const isFullscreen = (view: View) => document.fullscreenElement === view.figure;

/** The SVG on show: the one of this theme, or the one SVG that carries both. */
function visibleSvg(figure: HTMLElement): SVGSVGElement | null {
  return figure.querySelector(`.atlas-diagram__theme:not(.atlas-diagram__theme--${darkTheme() ? 'light' : 'dark'}) svg`);
}

/** Mermaid's own size of a drawing: its viewBox. */
function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  return box && box.width > 0 ? { width: box.width, height: box.height } : { width: svg.clientWidth || 1, height: svg.clientHeight || 1 };
}

// ---- scale ----------------------------------------------------------------------------

function frameSpace(view: View): { width: number; height: number } {
  const canvas = view.frame.firstElementChild as HTMLElement;
  const style = getComputedStyle(canvas);
  const padX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  // Outside full screen the frame grows with the drawing; the window bounds it.
  const height = isFullscreen(view) ? view.frame.clientHeight : window.innerHeight * 0.85;
  return { width: view.frame.clientWidth - padX, height: height - padY };
}

/** The scale at which the whole drawing fits the frame (and, outside full screen, one screen). */
function fitScale(view: View): number {
  const svg = visibleSvg(view.figure);
  if (!svg) return 1;
  const natural = naturalSize(svg);
  const space = frameSpace(view);
  return Math.min(space.width / natural.width, space.height / natural.height);
}

/** The opening scale: fit to width, never larger than Mermaid's size, never unreadably small. */
function openingScale(view: View): number {
  const svg = visibleSvg(view.figure);
  if (!svg) return 1;
  const fitWidth = frameSpace(view).width / naturalSize(svg).width;
  const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize)).filter((s) => s > 0);
  const readable = sizes.length ? READABLE_PX / Math.min(...sizes) : 0;
  return Math.min(1, Math.max(fitWidth, readable));
}

const minScale = (view: View) => Math.min(0.5, fitScale(view));

/** Draws every variant at `scale`; the point at (x, y) on screen stays where it is. */
function zoomTo(view: View, scale: number, anchor?: { x: number; y: number }): void {
  const next = Math.min(MAX, Math.max(minScale(view), scale));
  const svg = visibleSvg(view.figure);
  const before = svg?.getBoundingClientRect();
  for (const each of view.figure.querySelectorAll<SVGSVGElement>('.atlas-diagram__theme svg')) {
    const { width, height } = naturalSize(each);
    each.style.width = `${width * next}px`;
    each.style.height = `${height * next}px`;
    each.style.maxWidth = 'none';
  }
  view.scale = next;
  if (svg && before && anchor && before.width > 0) {
    // Where the anchored point of the drawing is now, and how far it moved.
    const after = svg.getBoundingClientRect();
    const dx = after.left + ((anchor.x - before.left) / before.width) * after.width - anchor.x;
    const dy = after.top + ((anchor.y - before.top) / before.height) * after.height - anchor.y;
    const top = view.frame.scrollTop;
    view.frame.scrollBy(dx, dy);
    // Outside full screen the frame does not scroll vertically: the page does.
    const left = dy - (view.frame.scrollTop - top);
    if (Math.abs(left) >= 0.5 && !isFullscreen(view)) window.scrollBy(0, left);
  }
  showScale(view);
}

function showScale(view: View): void {
  view.figure.dataset.scale = view.scale.toFixed(2);
  const output = view.figure.querySelector('.atlas-diagram__zoom');
  if (output) output.textContent = `${Math.round(view.scale * 100)}%`;
}

function frameCentre(view: View): { x: number; y: number } {
  const box = view.frame.getBoundingClientRect();
  const y = (Math.max(box.top, 0) + Math.min(box.bottom, window.innerHeight)) / 2;
  return { x: box.left + box.width / 2, y };
}

const zoomIn = (view: View) => zoomTo(view, view.scale * STEP, frameCentre(view));
const zoomOut = (view: View) => zoomTo(view, view.scale / STEP, frameCentre(view));
const reset = (view: View) => zoomTo(view, view.initial);
function fit(view: View): void {
  zoomTo(view, fitScale(view));
  view.frame.scrollTo(0, 0);
  if (!isFullscreen(view)) view.figure.scrollIntoView({ block: 'nearest' });
}

// ---- actions --------------------------------------------------------------------------

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file of the drawing as shown: Mermaid's size, this theme's colours and background. */
function svgBlob(svg: SVGSVGElement, scale = 1): Blob {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = naturalSize(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.ceil(width * scale)));
  copy.setAttribute('height', String(Math.ceil(height * scale)));
  copy.removeAttribute('style');
  // Mermaid's dark drawing has light text and no background of its own.
  copy.style.backgroundColor = getComputedStyle(svg.closest('.atlas-diagram')!).backgroundColor;
  // An SVG carrying both themes picks its stylesheet by this.
  if (darkTheme()) copy.setAttribute('data-theme', 'dark');
  // Links keep working in the file, away from the site.
  for (const a of copy.querySelectorAll('a[href]')) a.setAttribute('href', new URL(a.getAttribute('href')!, location.href).href);
  return new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' });
}

async function pngBlob(svg: SVGSVGElement): Promise<Blob> {
  const scale = 2;
  const natural = naturalSize(svg);
  const width = Math.ceil(natural.width * scale);
  const height = Math.ceil(natural.height * scale);
  const url = URL.createObjectURL(svgBlob(svg, scale));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function toggleFullscreen(view: View): void {
  if (isFullscreen(view)) void document.exitFullscreen();
  else void view.figure.requestFullscreen?.();
}

async function copySource(view: View, button: HTMLButtonElement): Promise<void> {
  const source = view.figure.querySelector('template')?.innerHTML ?? '';
  const text = new DOMParser().parseFromString(source, 'text/html').documentElement.textContent ?? '';
  await navigator.clipboard.writeText(text);
  const label = button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => (button.textContent = label), 2000);
}

const actions: Record<string, (view: View, button: HTMLButtonElement) => void | Promise<void>> = {
  'zoom-in': zoomIn,
  'zoom-out': zoomOut,
  fit,
  reset,
  fullscreen: toggleFullscreen,
  copy: copySource,
  svg: (view) => {
    const svg = visibleSvg(view.figure);
    if (svg) download(`${view.figure.dataset.name ?? 'diagram'}.svg`, svgBlob(svg));
  },
  png: async (view) => {
    const svg = visibleSvg(view.figure);
    if (svg) download(`${view.figure.dataset.name ?? 'diagram'}.png`, await pngBlob(svg));
  },
};

function bindToolbar(view: View): void {
  view.figure.querySelector('.atlas-diagram__toolbar')!.addEventListener('click', async (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (button) await actions[button.dataset.action!]?.(view, button);
  });
}

// ---- pointer --------------------------------------------------------------------------

/** Label text: a drag that starts here selects it instead of panning. */
const onText = (target: EventTarget | null) => target instanceof Element && !!target.closest('text, foreignObject');

function bindPointer(view: View): void {
  const { frame } = view;
  frame.addEventListener('wheel', (event) => {
    // Plain wheel scrolls; with Ctrl or Cmd (and a trackpad pinch) it zooms at the pointer.
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    zoomTo(view, view.scale * Math.exp(-event.deltaY / 300), { x: event.clientX, y: event.clientY });
  }, { passive: false });

  // Touch pans by native scrolling; a mouse drag pans here, unless it starts on text. The
  // pointer is captured only once it moved: a click stays a click (and follows a node's
  // link), a drag across a linked node never follows it.
  frame.addEventListener('pointerdown', (down) => {
    if (down.pointerType !== 'mouse' || down.button !== 0 || onText(down.target)) return;
    down.preventDefault();
    frame.focus({ preventScroll: true });
    let last = { x: down.clientX, y: down.clientY };
    let dragging = false;
    const move = (event: PointerEvent) => {
      if (!dragging && Math.hypot(event.clientX - down.clientX, event.clientY - down.clientY) < DRAG_PX) return;
      if (!dragging) {
        dragging = true;
        frame.setPointerCapture(down.pointerId);
        frame.classList.add('atlas-diagram__viewport--panning');
      }
      const dx = event.clientX - last.x;
      const dy = event.clientY - last.y;
      last = { x: event.clientX, y: event.clientY };
      const top = frame.scrollTop;
      frame.scrollBy(-dx, -dy);
      if (frame.scrollTop === top && !isFullscreen(view)) window.scrollBy(0, -dy);
    };
    const end = () => {
      frame.removeEventListener('pointermove', move);
      frame.classList.remove('atlas-diagram__viewport--panning');
      if (dragging) frame.addEventListener('click', (click) => click.preventDefault(), { capture: true, once: true });
    };
    frame.addEventListener('pointermove', move);
    frame.addEventListener('pointerup', end, { once: true });
    frame.addEventListener('pointercancel', end, { once: true });
  });
}

// ---- keyboard -------------------------------------------------------------------------

const views = new Map<HTMLElement, View>();
let hovered: View | undefined;
let clicked: View | undefined;

const keys: Record<string, (view: View) => void> = {
  '+': zoomIn,
  '=': zoomIn,
  '-': zoomOut,
  '0': reset,
  f: toggleFullscreen,
  F: toggleFullscreen,
  Escape: (view) => isFullscreen(view) && void document.exitFullscreen(),
};

/** The diagram keys act on: the one holding focus, under the mouse, or clicked last. */
function activeView(): View | undefined {
  const active = document.activeElement;
  const focused = active?.closest<HTMLElement>('[data-diagram]');
  if (focused) return views.get(focused);
  // Typing in a field (search, a filter) never zooms a diagram.
  if (active?.matches('input, textarea, select, [contenteditable]')) return undefined;
  return hovered ?? clicked;
}

function bindKeyboard(): void {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const run = keys[event.key];
    const view = run && activeView();
    if (!view) return;
    event.preventDefault();
    run(view);
  });
  document.addEventListener('pointerdown', (event) => {
    const figure = (event.target as Element).closest?.<HTMLElement>('[data-diagram]');
    clicked = figure ? views.get(figure) : undefined;
  });
}

function bindHover(view: View): void {
  view.figure.addEventListener('pointerenter', (event) => event.pointerType === 'mouse' && (hovered = view));
  view.figure.addEventListener('pointerleave', () => hovered === view && (hovered = undefined));
}

// ---- figures -------------------------------------------------------------------------

// A declared figure in a diagram (a focusable tspan with data-fact) shows its row of the
// figures panel: what it measures, its source and quote, its arithmetic, or why it is
// illustrative. Focus, hover or click shows it; Escape or leaving hides it.
let popover: HTMLElement | undefined;
let shownFor: Element | undefined;

function showFigure(figure: Element): void {
  const row = document.getElementById(`fact-${(figure as SVGElement).dataset.fact}`);
  if (!row) return;
  popover ??= Object.assign(document.body.appendChild(document.createElement('div')), { className: 'atlas-figure-popover', id: 'atlas-figure-popover', role: 'tooltip' });
  // Figure, what it measures, provenance: the row's cells as paragraphs.
  popover.replaceChildren(...[...(row as HTMLTableRowElement).cells].map((cell) => {
    const part = document.createElement('p');
    part.append(...cell.cloneNode(true).childNodes);
    return part;
  }));
  popover.hidden = false;
  const box = figure.getBoundingClientRect();
  const left = Math.min(box.left, window.innerWidth - popover.offsetWidth - 8);
  const below = box.bottom + 6 + popover.offsetHeight < window.innerHeight;
  Object.assign(popover.style, { left: `${Math.max(8, left)}px`, top: `${below ? box.bottom + 6 : box.top - 6 - popover.offsetHeight}px` });
  figure.setAttribute('aria-describedby', popover.id);
  shownFor = figure;
}

function hideFigure(): void {
  if (popover) popover.hidden = true;
  shownFor?.removeAttribute('aria-describedby');
  shownFor = undefined;
}

function bindFigures(): void {
  const figureOf = (target: EventTarget | null) => (target instanceof Element ? target.closest('.atlas-figure') : null);
  document.addEventListener('focusin', (event) => {
    const figure = figureOf(event.target);
    if (figure) showFigure(figure);
    else if (!popover?.contains(event.target as Node)) hideFigure();
  });
  document.addEventListener('pointerover', (event) => {
    const figure = figureOf(event.target);
    if (figure && event.pointerType === 'mouse') showFigure(figure);
  });
  document.addEventListener('pointerout', (event) => {
    if (figureOf(event.target) && figureOf(event.target) !== document.activeElement && !popover?.contains(event.relatedTarget as Node)) hideFigure();
  });
  document.addEventListener('click', (event) => {
    const figure = figureOf(event.target);
    if (figure) showFigure(figure);
    else if (!popover?.contains(event.target as Node)) hideFigure();
  });
  // Before the viewer's keys: Escape hides the figure first, and Enter or Space on one shows it.
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && shownFor) {
      event.preventDefault();
      hideFigure();
    } else if ((event.key === 'Enter' || event.key === ' ') && figureOf(event.target)) {
      event.preventDefault();
      showFigure(figureOf(event.target)!);
    }
  }, { capture: true });
}

// ---- set-up ---------------------------------------------------------------------------

function setUp(figure: HTMLElement): View {
  const frame = figure.querySelector<HTMLElement>('.atlas-diagram__viewport')!;
  const view: View = { figure, frame, scale: 1, initial: 1 };
  view.initial = openingScale(view);
  zoomTo(view, view.initial);
  bindToolbar(view);
  bindPointer(view);
  bindHover(view);
  figure.addEventListener('fullscreenchange', () => (isFullscreen(view) ? fit(view) : reset(view)));
  figure.dataset.ready = 'true';
  return view;
}

for (const figure of document.querySelectorAll<HTMLElement>('[data-diagram]')) views.set(figure, setUp(figure));
bindKeyboard();
bindFigures();
