import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The typefaces GB/T 9704-2012 asks for, by what they are used for:
 * title 方正小标宋简体, body 仿宋_GB2312, first-level headings 黑体, second-level headings and the signer 楷体_GB2312,
 * page numbers 宋体.
 */
export type FontRole = 'title' | 'body' | 'hei' | 'kai' | 'song';

export const FONT_ROLES: readonly FontRole[] = ['title', 'body', 'hei', 'kai', 'song'];

/** The file that serves one role. */
export interface FontFace {
  role: FontRole;
  /** The licensed face the standard names for this role (the name a DOCX refers to). */
  official: string;
  /** The family actually used, e.g. "Noto Serif CJK SC" or "仿宋_GB2312". */
  family: string;
  file: string;
  /** PostScript name of the face inside a collection (.ttc); absent for single-face files. */
  postscriptName?: string;
  /** True when `file` is the licensed face itself (or the Windows face of the same name). */
  isOfficial: boolean;
}

export type FontSet = Record<FontRole, FontFace>;

interface OfficialCandidate {
  families: string[];
  files: string[];
}

interface FreeCandidate {
  family: string;
  files: string[];
  postscriptName?: string;
  /** The Debian package that ships it. */
  debianPackage: string;
}

const NOTO_SERIF = (weight: 'Regular' | 'Bold'): FreeCandidate => ({
  family: 'Noto Serif CJK SC',
  files: [`NotoSerifCJK-${weight}.ttc`, `NotoSerifCJKsc-${weight}.otf`, `NotoSerifSC-${weight}.otf`],
  postscriptName: `NotoSerifCJKsc-${weight}`,
  debianPackage: 'fonts-noto-cjk',
});
const NOTO_SANS = (weight: 'Regular' | 'Bold'): FreeCandidate => ({
  family: 'Noto Sans CJK SC',
  files: [`NotoSansCJK-${weight}.ttc`, `NotoSansCJKsc-${weight}.otf`, `NotoSansSC-${weight}.otf`],
  postscriptName: `NotoSansCJKsc-${weight}`,
  debianPackage: 'fonts-noto-cjk',
});

/** Per role: the official face first (by family name via fontconfig, or by its usual file name), then free ones. */
const CANDIDATES: Record<FontRole, { official: string; officials: OfficialCandidate; free: FreeCandidate[] }> = {
  title: {
    official: '方正小标宋简体',
    officials: {
      families: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05'],
      files: ['FZXBSJW.TTF', '方正小标宋简体.ttf', 'FZXBSK.TTF', '方正小标宋_GBK.ttf'],
    },
    // 小标宋 is a heavy Song; the bold Noto Serif is the nearest free face.
    free: [NOTO_SERIF('Bold')],
  },
  body: {
    official: '仿宋_GB2312',
    officials: {
      families: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong'],
      files: ['仿宋_GB2312.ttf', 'FS_GB2312.ttf', 'FangSong_GB2312.ttf', 'simfang.ttf'],
    },
    // No free 仿宋 is packaged for Debian; a Song (Ming) serif is the usual stand-in.
    free: [NOTO_SERIF('Regular')],
  },
  hei: {
    official: '黑体',
    officials: { families: ['黑体', 'SimHei'], files: ['simhei.ttf', '黑体.ttf'] },
    free: [NOTO_SANS('Bold'), NOTO_SANS('Regular')],
  },
  kai: {
    official: '楷体_GB2312',
    officials: {
      families: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi'],
      files: ['楷体_GB2312.ttf', 'KAI_GB2312.ttf', 'KaiTi_GB2312.ttf', 'simkai.ttf'],
    },
    free: [
      {
        family: 'AR PL UKai CN',
        files: ['ukai.ttc'],
        postscriptName: 'UKaiCN',
        debianPackage: 'fonts-arphic-ukai',
      },
    ],
  },
  song: {
    official: '宋体',
    officials: { families: ['宋体', 'SimSun'], files: ['simsun.ttf', '宋体.ttf'] },
    free: [NOTO_SERIF('Regular')],
  },
};

/** The free family a DOCX names as the fallback for each official face. */
export function freeFallbackFamily(role: FontRole): string {
  return CANDIDATES[role].free[0].family;
}

export function officialFamily(role: FontRole): string {
  return CANDIDATES[role].official;
}

/** Thrown when a role has neither its official face nor the free one: says which Debian package to install. */
export class MissingFontError extends Error {
  constructor(
    readonly roles: FontRole[],
    readonly debianPackages: string[],
  ) {
    const wanted = roles.map((role) => `${CANDIDATES[role].official} (${role})`).join(', ');
    super(
      `No usable CJK font for ${wanted}: install the Debian package${debianPackages.length > 1 ? 's' : ''} ` +
        `${debianPackages.join(' ')} (apt-get install -y ${debianPackages.join(' ')}), ` +
        'or put the licensed faces in /usr/share/fonts or /usr/local/share/fonts',
    );
    this.name = 'MissingFontError';
  }
}

export const DEFAULT_FONT_DIRS: readonly string[] = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(homedir(), '.fonts'),
  path.join(homedir(), '.local', 'share', 'fonts'),
];

export interface FindFontsOptions {
  /** Directories searched (recursively) for font files; default {@link DEFAULT_FONT_DIRS}. */
  dirs?: readonly string[];
  /** Also ask fontconfig (`fc-list`) for the official faces by family name; default true. */
  fontconfig?: boolean;
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

/** Every font file under the directories, by lower-case base name (the first one found wins). */
function indexFontFiles(dirs: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, depth: number): void => {
    if (depth > 6) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // missing or unreadable directory
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(full).isDirectory();
        } catch {
          continue; // dangling link
        }
      }
      if (isDirectory) walk(full, depth + 1);
      else if (FONT_FILE.test(entry.name) && !files.has(entry.name.toLowerCase())) files.set(entry.name.toLowerCase(), full);
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return files;
}

interface FontconfigFace {
  families: string[];
  file: string;
  postscriptName: string;
}

function fontconfigFaces(): FontconfigFace[] {
  const result = spawnSync('fc-list', ['--format', '%{family}\t%{file}\t%{postscriptname}\n', ':lang=zh'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.status !== 0 || typeof result.stdout !== 'string') return []; // no fontconfig: file names only
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [families, file, postscriptName] = line.split('\t');
      return { families: families.split(',').map((family) => family.trim()), file, postscriptName };
    })
    .filter((face) => FONT_FILE.test(face.file) && existsSync(face.file));
}

/**
 * Which file serves each role on this machine: the licensed official face when installed, otherwise the free
 * CJK face from Debian (fonts-noto-cjk, fonts-arphic-ukai). Throws {@link MissingFontError} naming the
 * packages to install when a role has neither.
 */
export function findFonts(options: FindFontsOptions = {}): FontSet {
  const files = indexFontFiles(options.dirs ?? DEFAULT_FONT_DIRS);
  const fontconfig = options.fontconfig === false ? [] : fontconfigFaces();
  const found: Partial<FontSet> = {};
  const missing: FontRole[] = [];
  const packages = new Set<string>();

  for (const role of FONT_ROLES) {
    const { official, officials, free } = CANDIDATES[role];
    const byFamily = officials.families
      .map((family) => fontconfig.find((face) => face.families.includes(family)))
      .find((face) => face !== undefined);
    if (byFamily) {
      found[role] = {
        role,
        official,
        family: officials.families.find((family) => byFamily.families.includes(family)) ?? official,
        file: byFamily.file,
        ...(byFamily.file.toLowerCase().endsWith('.ttc') ? { postscriptName: byFamily.postscriptName } : {}),
        isOfficial: true,
      };
      continue;
    }
    const officialFile = officials.files.map((name) => files.get(name.toLowerCase())).find((file) => file !== undefined);
    if (officialFile) {
      found[role] = { role, official, family: official, file: officialFile, isOfficial: true };
      continue;
    }
    let freeFace: FontFace | undefined;
    for (const candidate of free) {
      const file = candidate.files.map((name) => files.get(name.toLowerCase())).find((hit) => hit !== undefined);
      if (!file) continue;
      freeFace = {
        role,
        official,
        family: candidate.family,
        file,
        ...(file.toLowerCase().endsWith('.ttc') && candidate.postscriptName ? { postscriptName: candidate.postscriptName } : {}),
        isOfficial: false,
      };
      break;
    }
    if (freeFace) {
      found[role] = freeFace;
    } else {
      missing.push(role);
      packages.add(free[0].debianPackage);
    }
  }
  if (missing.length > 0) throw new MissingFontError(missing, [...packages]);
  return found as FontSet;
}

let found: FontSet | null = null;

/**
 * The machine's fonts as `findFonts()` finds them, looked up once per process: the lookup spawns
 * `fc-list` and walks the font folders, and the fonts do not change under a running process. A failed
 * lookup is not remembered, so installing the fonts takes effect on the next try.
 */
export function machineFonts(): FontSet {
  found ??= findFonts();
  return found;
}
