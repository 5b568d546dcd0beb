/**
 * Pure helpers for sharing screens: the passphrase suggester (random words, crypto.getRandomValues), the lawful
 * basis labels with their legal references, the file and log helpers, and the share form's own checks (the core
 * checks again; these put the message beside the field before anything is sent).
 */
import {
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  EXPORT_SECTIONS,
  agePublicKey,
  type Article6Basis,
  type Article9Condition,
  type ExportSection,
  type SharingRecord,
} from '../../../../shared/contract';
import { t } from '../../../../shared/i18n';

/**
 * Short, common English words, easy to spell when read out by phone (nothing unkind), 546 of them: five words
 * give about 45 bits, ample for a file handed over once and never stored.
 */
export const WORDS: readonly string[] = (
  'acorn actor adult agent alarm album alert alley amber angle ankle apple apron arena archer arrow ashes atlas attic audio autumn avocado ' +
  'bacon badge bagel baker balloon bamboo banana banjo barn basket beach beacon beaver bedroom bench berry bicycle biscuit blanket blossom ' +
  'bonnet border bottle boulder bracket branch bread breeze brick bridge brook broom bubble bucket budget buffalo bugle bundle burrow butter button ' +
  'cabin cactus camel camera canal candle canoe canvas canyon carpet carrot castle cattle cellar cement cereal chalk cherry chess chimney ' +
  'chorus cider cinema circle circus citrus clover coach cobweb cocoa coffee comet copper coral cotton cousin cradle crayon cricket crystal ' +
  'cupboard curtain cushion dahlia daisy dancer desert diamond dinner dolphin domino donkey dragon drawer dream drum duckling dune eagle ' +
  'easel echo elbow elephant ember engine envelope falcon feather fence ferry fiddle field finch fireside flag flannel flute forest fossil ' +
  'fountain fox garden garlic gazelle gecko ginger giraffe glacier glove goblet goose granite grape gravel guitar gull hammer hamster harbour ' +
  'harvest hazel hedge helmet heron hiker hollow honey horizon husky igloo island ivory jacket jasmine jelly jigsaw journey jungle kayak ' +
  'kettle kitten kiwi koala ladder lagoon lantern laptop lava lemon lentil leopard lettuce library lily limpet linen lizard llama lobster locket ' +
  'lotus magnet mango maple marble market meadow melon mermaid meteor mint mirror mitten monkey mosaic moss mountain muffin museum mushroom ' +
  'napkin nectar needle nest nettle noodle nutmeg oak oasis ocean octopus olive onion orange orchard orchid otter owl oyster paddle palace ' +
  'panda panther papaya parcel parrot pasta peach peanut pebble pelican penguin pepper piano pickle pigeon pillow pilot pine pinecone planet ' +
  'plum pocket pony poppy potato pottery prairie pretzel pudding puffin pumpkin puppet puzzle quail quartz quilt rabbit raccoon radish rainbow ' +
  'raisin raven reindeer ribbon river robin rocket rooftop rosemary saddle saffron sailor salmon sandal satchel scarf scooter seashell ' +
  'shadow sheep shelf shore shovel silver skipper sledge slipper snail snowdrop socket sofa spade sparrow spider spinach sponge spoon ' +
  'squirrel stable starling statue stone strawberry stream summit sunflower swallow swan sweater table tadpole tangerine teapot temple tennis ' +
  'thimble thistle thunder ticket tiger timber toast tomato tortoise towel tractor trolley trumpet tulip tunnel turnip turtle umbrella unicorn ' +
  'valley velvet violin volcano waffle wagon walnut walrus wardrobe wasp waterfall weasel whale wheat whistle willow window windmill ' +
  'wizard wombat woodland yacht yogurt zebra zigzag anchor antler apricot badger bakery barley bison blackbird bluebell bramble breadcrumb ' +
  'buttercup camping caravan cashew catkin chestnut clarinet cloudburst cobbler compass cookie cornflower cottage crocus cupcake custard ' +
  'daffodil dormouse dumpling eiderdown elm emerald fern fig firefly flamingo foxglove gingham goldfish gooseberry grasshopper hedgehog ' +
  'heather hillside holly hopscotch iceberg inkwell jam juniper kestrel kingfisher kite lapwing lavender lighthouse limestone lollipop ' +
  'magpie marigold marmalade meringue minnow moorland nightjar oatcake orbit paintbrush pancake parsnip peppermint periwinkle pinafore ' +
  'plover porridge primrose quayside rhubarb riverbank rowan sandcastle scone seagull skylark snowball snowflake sorbet sprout stargazer ' +
  'sundial sycamore teacup thrush toffee treetop trifle village waterlily wellington whirlwind wildflower woodpecker wren yarrow acrobat ' +
  'bluebird boathouse bookcase bootlace campfire candyfloss cardigan chaffinch cherub clockwork cowslip crumpet doorstep dragonfly ' +
  'driftwood duvet earmuff fairground fieldmouse flapjack footpath gumboot haystack highland hilltop honeybee jellyfish ladybird ' +
  'lemonade marshland milkshake moonbeam mudlark nightlight notebook paperclip pavement peapod pinwheel playground postbox raincoat ' +
  'rockpool saltmarsh seabird shortbread skipping sketchbook snowman stepping suitcase sunbeam sunrise sunset teaspoon treehouse waterway'
)
  .split(' ')
  .filter((w) => w.length > 0);

/** A source of random 32-bit numbers (the Web Crypto API in the app; a fixed sequence in tests). */
export type RandomSource = (into: Uint32Array) => Uint32Array;

const webCrypto: RandomSource = (into) => globalThis.crypto.getRandomValues(into);

/** A uniformly random whole number below `n`, by rejection sampling (no modulo bias). */
export function randomBelow(n: number, random: RandomSource = webCrypto): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be a whole number from 1 to 2^32');
  const limit = 2 ** 32 - (2 ** 32 % n);
  const box = new Uint32Array(1);
  for (;;) {
    const v = random(box)[0] as number;
    if (v < limit) return v % n;
  }
}

/** A passphrase of `count` random words from WORDS, separated by spaces (easy to read out by phone). */
export function suggestPassphrase(count = 5, random: RandomSource = webCrypto, words: readonly string[] = WORDS): string {
  return Array.from({ length: count }, () => words[randomBelow(words.length, random)]).join(' ');
}

/** The letters of UK GDPR Article 6(1) and Article 9(2), in the contract's order. */
const ARTICLE6_LETTER: Readonly<Record<Article6Basis, string>> = {
  consent: 'a', contract: 'b', legal_obligation: 'c', vital_interests: 'd', public_task: 'e', legitimate_interests: 'f',
};
const ARTICLE9_LETTER: Readonly<Record<Article9Condition, string>> = {
  explicit_consent: 'a', employment_social_security: 'b', vital_interests: 'c', not_for_profit: 'd', made_public: 'e', legal_claims: 'f',
  substantial_public_interest: 'g', health_social_care: 'h', public_health: 'i', archiving_research: 'j',
};

/** A basis in plain English and its legal reference: { name: "Public task", ref: "Article 6(1)(e)" }. */
export function article6Parts(b: Article6Basis): { readonly name: string; readonly ref: string } {
  return { name: t(`sharingUi.basis.article6.${b}`), ref: t('sharingUi.basis.ref6', { letter: ARTICLE6_LETTER[b] }) };
}

export function article9Parts(c: Article9Condition): { readonly name: string; readonly ref: string } {
  return { name: t(`sharingUi.basis.article9.${c}`), ref: t('sharingUi.basis.ref9', { letter: ARTICLE9_LETTER[c] }) };
}

/** "Public task — Article 6(1)(e)" */
export function article6Label(b: Article6Basis): string {
  const { name, ref } = article6Parts(b);
  return `${name} — ${ref}`;
}

/** "Substantial public interest — Article 9(2)(g)" */
export function article9Label(c: Article9Condition): string {
  const { name, ref } = article9Parts(c);
  return `${name} — ${ref}`;
}

export const ARTICLE6_OPTIONS = ARTICLE6_BASES.map((value) => ({ value, label: article6Label(value) }));
export const ARTICLE9_OPTIONS = ARTICLE9_CONDITIONS.map((value) => ({ value, label: article9Label(value) }));

/** What a school usually relies on when sharing SEN records with the local authority, health or another school. */
export const DEFAULT_BASIS: { readonly article6: Article6Basis; readonly article9: Article9Condition } = {
  article6: 'public_task',
  article9: 'substantial_public_interest',
};

/** A section's name ("Pupil details and contacts"); unknown names are shown as they are. */
export function sectionLabel(section: string): string {
  const key = `exportSections.${section}`;
  const label = t(key);
  return label === key ? section : label;
}

export function sectionLabels(sections: readonly string[]): string {
  return sections.map(sectionLabel).join(', ');
}

/** How a record was locked, in words: "Passphrase", "Their public key (age1abcd…wxyz)", "Password (PDF)". */
export function lockLabel(r: Pick<SharingRecord, 'lockedWith' | 'recipientKey'>): string {
  if (r.lockedWith === 'public_key' && r.recipientKey) {
    const k = r.recipientKey;
    return t('sharingUi.lock.publicKeyShort', { key: k.length > 16 ? `${k.slice(0, 8)}…${k.slice(-6)}` : k });
  }
  return t(`sharingUi.lock.${r.lockedWith}`);
}

/** "812 bytes", "14.2 KB", "3.1 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return t('sharingUi.size.bytes', { n });
  if (n < 1024 * 1024) return t('sharingUi.size.kb', { n: (n / 1024).toFixed(1) });
  return t('sharingUi.size.mb', { n: (n / (1024 * 1024)).toFixed(1) });
}

/** Base64 of some bytes, a chunk at a time (a large package would overflow the argument list in one go). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The sharing log, narrowed to organisations whose name contains `organisation` (any case, spaces trimmed). */
export function filterByOrganisation(records: readonly SharingRecord[], organisation: string): SharingRecord[] {
  const q = organisation.trim().toLocaleLowerCase('en-GB');
  return q ? records.filter((r) => r.organisation.toLocaleLowerCase('en-GB').includes(q)) : [...records];
}

/** The command the agency runs to open the package (age's own tool). */
export function ageCommand(fileName: string, lockedWith: SharingRecord['lockedWith']): string {
  const quoted = /^[A-Za-z0-9._-]+$/.test(fileName) ? fileName : `"${fileName.replace(/"/g, '\\"')}"`;
  return lockedWith === 'public_key' ? `age -d -i their-key.txt -o record.zip ${quoted}` : `age -d -o record.zip ${quoted}`;
}

// ---- the share form ----

export type LockMethod = 'passphrase' | 'public_key';

export interface ShareForm {
  readonly organisation: string;
  readonly sections: readonly ExportSection[];
  readonly article6: Article6Basis;
  readonly article9: Article9Condition;
  readonly lock: LockMethod;
  readonly passphrase: string;
  readonly confirm: string;
  readonly recipient: string;
  readonly note: string;
}

export const EMPTY_SHARE_FORM: ShareForm = {
  organisation: '',
  sections: [],
  ...DEFAULT_BASIS,
  lock: 'passphrase',
  passphrase: '',
  confirm: '',
  recipient: '',
  note: '',
};

export type ShareField = 'organisation' | 'sections' | 'passphrase' | 'confirm' | 'recipient' | 'note';
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Checks a passphrase and its confirmation (used for the package's passphrase and the PDF's password). */
export function checkSecret(secret: string, confirm: string, messages: { readonly mismatch: string; readonly confirmNeeded: string }): { secret?: string; confirm?: string } {
  if (secret.length < 10) return { secret: t('validation.exportPassphrase') };
  if (confirm === '') return { confirm: messages.confirmNeeded };
  if (confirm !== secret) return { confirm: messages.mismatch };
  return {};
}

export function checkShareForm(f: ShareForm): FieldErrors<ShareField> {
  const errors: FieldErrors<ShareField> = {};
  if (f.organisation.trim() === '') errors.organisation = t('sharingUi.share.organisationNeeded');
  if (f.sections.length === 0) errors.sections = t('validation.exportSections');
  if (f.lock === 'passphrase') {
    const s = checkSecret(f.passphrase, f.confirm, { mismatch: t('sharingUi.passphrase.mismatch'), confirmNeeded: t('sharingUi.passphrase.confirmNeeded') });
    if (s.secret) errors.passphrase = s.secret;
    if (s.confirm) errors.confirm = s.confirm;
  } else if (!agePublicKey.safeParse(f.recipient).success) {
    errors.recipient = t('sharingUi.share.publicKeyInvalid');
  }
  return errors;
}

/** The operation's input for a checked form: the sections in the list's order, exactly one of key or passphrase. */
export function shareInput(pupilId: string, f: ShareForm) {
  return {
    pupilId,
    organisation: f.organisation.trim(),
    sections: EXPORT_SECTIONS.filter((s) => f.sections.includes(s)),
    basis: { article6: f.article6, article9: f.article9 },
    recipient: f.lock === 'public_key' ? f.recipient.trim() : null,
    passphrase: f.lock === 'passphrase' ? f.passphrase : null,
    note: f.note.trim() === '' ? null : f.note.trim(),
  };
}

/** The core's field messages, put on the form's fields (the rest go in the summary at the top). */
export function splitFieldErrors<F extends string>(fields: Readonly<Record<string, string>> | undefined, known: readonly F[]): { readonly fields: FieldErrors<F>; readonly other: readonly string[] } {
  const out: FieldErrors<F> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const top = path.split('.')[0] as F;
    if (known.includes(top)) out[top] ??= message;
    else other.push(message);
  }
  return { fields: out, other };
}
