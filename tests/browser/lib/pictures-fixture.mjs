// pictures-fixture.mjs: writes a small bookshelf with pictures and documents for
// pictures.test.mjs (issue 26, point 1): tests/fixtures/small, a page with a wide photo (made
// here as a PNG: no binary file is kept in the repository), an SVG drawing, a decorative
// picture and a PDF link. Usage: node lib/pictures-fixture.mjs DIR

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A `w` × `h` RGB PNG: a sky over a road, enough to see in a screenshot. */
export function png(w, h) {
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const road = y > h * 0.7;
      row[1 + x * 3] = road ? 60 : 90 + ((x * 80) / w) | 0;
      row[2 + x * 3] = road ? 60 : 150 + ((y * 60) / h) | 0;
      row[3 + x * 3] = road ? 70 : 220;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const PAGE = `---
title: Getting to the meeting
summary: How to get to West Offices for a meeting.
---

The number 4 bus stops outside West Offices.

![A bus stop by a wide road under a blue sky](bus-stop.png)

Follow the map from the bus stop to the door. ![Map from the bus stop to the front door](../assets/map.svg)

![""](../assets/line.svg)

Read [the meeting leaflet](../assets/leaflet.pdf) before you come.
`;

const MAP = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><rect width="300" height="200" fill="#f3f2f1"/><path d="M20 180 L150 100 L280 30" stroke="#0b0c0c" stroke-width="8" fill="none"/><circle cx="20" cy="180" r="14" fill="#1d70b8"/><rect x="260" y="10" width="36" height="36" fill="#00703c"/></svg>
`;
const LINE = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="8"><rect width="600" height="8" fill="#1d70b8"/></svg>
`;

function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const [a, b] = [path.join(from, e.name), path.join(to, e.name)];
    if (e.isDirectory()) copy(a, b);
    else fs.copyFileSync(a, b);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node lib/pictures-fixture.mjs DIR");
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
  copy(path.join(repo, "tests/fixtures/small"), dir);
  const content = path.join(dir, "content");
  fs.mkdirSync(path.join(content, "assets"), { recursive: true });
  fs.writeFileSync(path.join(content, "guides/getting-there.md"), PAGE);
  fs.writeFileSync(path.join(content, "guides/bus-stop.png"), png(1600, 1000));
  fs.writeFileSync(path.join(content, "assets/map.svg"), MAP);
  fs.writeFileSync(path.join(content, "assets/line.svg"), LINE);
  fs.writeFileSync(path.join(content, "assets/leaflet.pdf"), Buffer.alloc(240 * 1024, "%"));
}
