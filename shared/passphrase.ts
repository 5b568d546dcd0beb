/**
 * Passphrases people read out by phone: random words from a list of short, common English words (nothing unkind),
 * chosen with the Web Crypto API (in the renderer and in Node alike) by rejection sampling, so no word is likelier
 * than another. The share dialog's "Suggest one" uses five words; the core's password for a protected PDF is
 * `generatePdfPassword`. No Electron, no Node-only module.
 */

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

/**
 * The most characters a made PDF password has. Revision 6 takes up to 127 bytes, but poppler's tools (pdftotext,
 * pdfinfo, pdftoppm) and some older readers take only the first 32 characters typed, and then refuse a longer one.
 */
export const PDF_PASSWORD_MAX_CHARS = 32;
const PDF_PASSWORD_WORDS = 4;
const PDF_PASSWORD_DIGITS = 4;

/**
 * The password the core makes for a protected PDF: four words from WORDS and a four-digit number, at most 32
 * characters ("maple river cobalt kite 4721"). Word sets longer than 27 characters are drawn again, which leaves about
 * 2^34.9 of them; with 10,000 numbers that is about 48 bits, against revision 6's deliberately slow password check.
 */
export function generatePdfPassword(random: RandomSource = webCrypto): string {
  for (;;) {
    const words = suggestPassphrase(PDF_PASSWORD_WORDS, random);
    if (words.length <= PDF_PASSWORD_MAX_CHARS - PDF_PASSWORD_DIGITS - 1) {
      return `${words} ${String(randomBelow(10 ** PDF_PASSWORD_DIGITS, random)).padStart(PDF_PASSWORD_DIGITS, '0')}`;
    }
  }
}
