#!/usr/bin/env python3
"""Makes resources/fonts/NotoSansCJKsc-Regular-subset.otf, the Chinese font the PDFs and prints embed.

The whole Noto Sans CJK (OFL 1.1) is about 19 MB a weight, too much to keep in the repository and ship. This keeps the
characters that Chinese names are written with, in simplified and traditional Chinese:

- GB 2312 (the 6,763 hanzi of mainland names, and its symbols),
- Big5's frequently used characters (level 1, 5,401 hanzi: Hong Kong and Taiwan names in traditional characters),
- CJK punctuation, the fullwidth forms and the kana,

8,846 hanzi in all, from the SC face of Debian's fonts-noto-cjk, without hinting, about 4 MB. One weight only: bold
Chinese text is drawn by stroking the regular glyphs (pdf-fonts.ts), which keeps another 4 MB out.

Run on Debian with `apt-get install -y fonts-noto-cjk fonttools`, then
`/usr/bin/python3 scripts/fonts/make-cjk-subset.py` from the repository's root.
"""
import subprocess
import sys

SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
FACE = 2  # NotoSansCJKsc-Regular inside the collection
OUT = 'resources/fonts/NotoSansCJKsc-Regular-subset.otf'


def codec_chars(codec, highs, lows):
    out = set()
    for hi in highs:
        for lo in lows:
            try:
                ch = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.add(ord(ch))
    return out


def main():
    chars = set()
    chars |= codec_chars('gb2312', range(0xA1, 0xF8), range(0xA1, 0xFF))
    chars |= codec_chars('big5', range(0xA1, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
    for lo, hi in [(0x3000, 0x303F), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)]:
        chars |= set(range(lo, hi + 1))
    han = sum(1 for c in chars if 0x4E00 <= c <= 0x9FFF)
    unicodes = ','.join('U+%04X' % c for c in sorted(chars))
    subprocess.run(
        ['pyftsubset', SOURCE, '--font-number=%d' % FACE, '--unicodes=' + unicodes, '--no-hinting', '--name-IDs=*', '--output-file=' + OUT],
        check=True,
    )
    print('%s: %d characters, %d hanzi' % (OUT, len(chars), han), file=sys.stderr)


if __name__ == '__main__':
    main()
