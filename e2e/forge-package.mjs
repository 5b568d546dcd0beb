#!/usr/bin/env node
/**
 * For e2e/sharing.spec.ts (issue 14, item 7): does to a genuine export package what an attacker could, so the
 * spec can show what transfer in makes of it. Deliberately independent of the app's own code (as an attacker's
 * tool would be): only the age format, ZIP and Ed25519 from node:crypto.
 *
 *   node e2e/forge-package.mjs keygen
 *     prints {"identity":"AGE-SECRET-KEY-1...","recipient":"age1..."} to export a genuine package to.
 *   node e2e/forge-package.mjs forge '<json>'
 *     json: { in, identity, out, passphrase, mode, contacts?, school?, urn? }. Opens `in` with the age identity,
 *     sets the pupil's contacts (and, with school and urn, the sender it names), and seals the result with any
 *     passphrase. mode "resign": relists the files' digests and signs the manifest with a brand-new key (a valid
 *     package from an unknown sender); "strip": relists and removes the signature (as an older SENCo Desk's
 *     package); "tamper": keeps the genuine manifest and signature (changed after signing).
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { unzipSync, zipSync } from 'fflate';

const [command, arg] = process.argv.slice(2);
const enc = (v) => new TextEncoder().encode(JSON.stringify(v, null, 2));
const text = (b) => Buffer.from(b).toString('utf8');

if (command === 'keygen') {
  const identity = await generateX25519Identity();
  process.stdout.write(JSON.stringify({ identity, recipient: await identityToRecipient(identity) }));
} else if (command === 'forge') {
  const o = JSON.parse(arg);
  const decrypter = new Decrypter();
  decrypter.addIdentity(o.identity);
  const files = unzipSync(await decrypter.decrypt(readFileSync(o.in)));
  const doc = JSON.parse(text(files['pupil.json']));
  if (o.contacts) doc.data.details.contacts = o.contacts;
  if (o.school) doc.from = { ...doc.from, school: o.school, urn: o.urn };
  const changed = enc(doc);
  // A forgery that changes nothing proves nothing: say so rather than hand back the genuine package.
  if (Buffer.from(changed).equals(Buffer.from(files['pupil.json']))) {
    process.stderr.write('forge-package: the changes asked for are already in the package, so nothing would be forged.\n');
    process.exit(3);
  }
  files['pupil.json'] = changed;
  let manifest = JSON.parse(text(files['manifest.json']));
  if (o.mode !== 'tamper') {
    manifest.files = manifest.files.map((f) => ({
      ...f,
      bytes: files[f.name].length,
      sha256: createHash('sha256').update(files[f.name]).digest('hex'),
    }));
    if (o.school) manifest.from = { ...manifest.from, school: o.school, urn: o.urn };
    const { signer: _signer, signature: _signature, ...body } = manifest;
    manifest = body;
    if (o.mode === 'resign') {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const signed = { ...body, signer: { algorithm: 'Ed25519', publicKey: publicKey.export({ format: 'jwk' }).x } };
      manifest = { ...signed, signature: sign(null, Buffer.from(JSON.stringify(signed)), privateKey).toString('base64') };
    }
  }
  files['manifest.json'] = enc(manifest);
  const encrypter = new Encrypter();
  encrypter.setPassphrase(o.passphrase);
  // A light work factor: any is valid age, and the spec opens several of these.
  encrypter.setScryptWorkFactor(12);
  writeFileSync(o.out, await encrypter.encrypt(zipSync(files)));
} else {
  process.stderr.write('Usage: forge-package.mjs keygen | forge <json>\n');
  process.exit(2);
}
