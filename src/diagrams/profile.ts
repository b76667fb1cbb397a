// Persistent Chromium profiles for the renderer, so its HTTP and code caches outlive a run.
// One Chromium at a time may use a profile: a run claims a free slot with a lock file that
// names its process (left behind by a crash, it is taken over once that process is gone),
// and when every slot is taken it renders with a temporary profile instead.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SLOTS = 4;

export interface ClaimedProfile {
  /** The profile folder, or '' for a temporary one (Playwright's convention). */
  dir: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimProfile(base: string): ClaimedProfile {
  mkdirSync(base, { recursive: true });
  for (let slot = 0; slot < SLOTS; slot++) {
    const lock = path.join(base, `${slot}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx' });
        return {
          dir: path.join(base, String(slot)),
          release: () => unlinkSync(lock),
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(lock, 'utf8'));
        // An empty lock is one being written.
        if (!owner || alive(owner)) break;
        // The process that held it is gone: take the slot over.
        try {
          unlinkSync(lock);
        } catch {
          // Another run took it over first.
        }
      }
    }
  }
  return { dir: '', release: () => {} };
}
