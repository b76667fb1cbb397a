// The diagram viewer: Ctrl/Cmd + wheel zoom around the pointer (50% to 400%), drag to
// pan, pinch on touch, buttons, keyboard (+ - 0 F, arrows, Esc), copy and download.
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';

const MIN = 0.5;
const MAX = 4;
const STEP = 0.25;

const darkTheme = () => document.documentElement.dataset.theme === 'dark';

/** The SVG on show: the one of this theme, or the one SVG that carries both. */
function visibleSvg(figure: HTMLElement): SVGSVGElement | null {
  return figure.querySelector(`.atlas-diagram__theme:not(.atlas-diagram__theme--${darkTheme() ? 'light' : 'dark'}) svg`);
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function svgBlob(svg: SVGSVGElement): Blob {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // A file keeps the colours on screen: an SVG carrying both themes picks by this.
  if (darkTheme()) copy.setAttribute('data-theme', 'dark');
  return new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' });
}

async function pngBlob(svg: SVGSVGElement): Promise<Blob> {
  const box = svg.viewBox.baseVal;
  const scale = 2;
  const width = Math.ceil((box?.width || svg.clientWidth) * scale);
  const height = Math.ceil((box?.height || svg.clientHeight) * scale);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.maxWidth = 'none';
  const url = URL.createObjectURL(svgBlob(copy));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d')!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function setUp(figure: HTMLElement): void {
  const viewport = figure.querySelector<HTMLElement>('.atlas-diagram__viewport')!;
  const canvas = figure.querySelector<HTMLElement>('.atlas-diagram__canvas')!;
  const name = figure.dataset.name ?? 'diagram';
  const panzoom: PanzoomObject = Panzoom(canvas, { minScale: MIN, maxScale: MAX, step: STEP, cursor: 'grab', canvas: true });

  const fit = () => {
    const svg = visibleSvg(figure);
    if (!svg) return;
    const scale = Math.min(MAX, Math.max(MIN, Math.min(viewport.clientWidth / svg.getBoundingClientRect().width * panzoom.getScale(), viewport.clientHeight / svg.getBoundingClientRect().height * panzoom.getScale())));
    panzoom.zoom(scale, { animate: false });
    setTimeout(() => panzoom.pan(0, 0, { animate: false }));
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement === figure) void document.exitFullscreen();
    else void figure.requestFullscreen?.();
  };
  const actions: Record<string, () => void | Promise<void>> = {
    'zoom-in': () => panzoom.zoomIn(),
    'zoom-out': () => panzoom.zoomOut(),
    fit,
    reset: () => panzoom.reset(),
    fullscreen: toggleFullscreen,
    copy: async () => {
      const source = figure.querySelector('template')?.innerHTML ?? '';
      const text = new DOMParser().parseFromString(source, 'text/html').documentElement.textContent ?? '';
      await navigator.clipboard.writeText(text);
      figure.dataset.copied = 'true';
    },
    svg: () => {
      const svg = visibleSvg(figure);
      if (svg) download(`${name}.svg`, svgBlob(svg));
    },
    png: async () => {
      const svg = visibleSvg(figure);
      if (svg) download(`${name}.png`, await pngBlob(svg));
    },
  };

  // The scale a test or a person can read back, right after each change.
  const showScale = () => {
    figure.dataset.scale = panzoom.getScale().toFixed(2);
  };
  figure.querySelector('.atlas-diagram__toolbar')!.addEventListener('click', async (event) => {
    const action = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (action) await actions[action]?.();
    showScale();
  });
  viewport.addEventListener('wheel', (event) => {
    // Plain scrolling scrolls the page; with Ctrl or Cmd it zooms around the pointer.
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    panzoom.zoomWithWheel(event);
    showScale();
  }, { passive: false });
  viewport.addEventListener('keydown', (event) => {
    const pan = 40;
    const keys: Record<string, () => void> = {
      '+': () => panzoom.zoomIn(),
      '=': () => panzoom.zoomIn(),
      '-': () => panzoom.zoomOut(),
      '0': () => panzoom.reset(),
      f: toggleFullscreen,
      F: toggleFullscreen,
      Escape: () => document.fullscreenElement === figure && void document.exitFullscreen(),
      ArrowLeft: () => panzoom.pan(pan, 0, { relative: true }),
      ArrowRight: () => panzoom.pan(-pan, 0, { relative: true }),
      ArrowUp: () => panzoom.pan(0, pan, { relative: true }),
      ArrowDown: () => panzoom.pan(0, -pan, { relative: true }),
    };
    const run = !event.ctrlKey && !event.metaKey && !event.altKey ? keys[event.key] : undefined;
    if (run) {
      event.preventDefault();
      run();
      showScale();
    }
  });
  canvas.addEventListener('panzoomchange', showScale);
  showScale();
  figure.dataset.ready = 'true';
}

for (const figure of document.querySelectorAll<HTMLElement>('[data-diagram]')) setUp(figure);
