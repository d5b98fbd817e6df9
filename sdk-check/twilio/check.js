// Runs the official Twilio Node helper library against Montage's /v1 (docs/twilio.md). Only the host changes: a
// RequestClient that sends what the library addresses to https://video.twilio.com to Montage instead.
//
//   MONTAGE_URL=http://127.0.0.1:8080 MONTAGE_ACCOUNT_ID=<uuid> MONTAGE_API_KEY=<key> node check.js a.webm b.webm
//
// (create-api-key prints the account id and key). The two files are uploaded through /v2 as two participants: the
// first must be red with a 440 Hz tone, the second blue with 660 Hz (the pixels and tones of the result are checked
// with the service's ffmpeg: env FFMPEG, else the first ffmpeg under ~/.javacpp/cache). The service must be allowed to
// call back 127.0.0.1 (--montage.webhooks.allow-private-targets=true): the status callbacks come to a local receiver.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFileSync } = require('node:child_process');
const assert = require('node:assert/strict');
const twilio = require('twilio');

const base = process.env.MONTAGE_URL;
const accountSid = 'AC' + process.env.MONTAGE_ACCOUNT_ID.replaceAll('-', '');
const key = process.env.MONTAGE_API_KEY;
const [aliceFile, bobFile] = process.argv.slice(2);

/** Twilio's own HTTP client, with its target host swapped for Montage's. */
class MontageRequestClient extends twilio.RequestClient {
  request(opts) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/video\.twilio\.com/, base) });
  }
}

const client = twilio(accountSid, key, { httpClient: new MontageRequestClient() });

async function upload(file, fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([fs.readFileSync(file)]), 'track.webm');
  const answer = await fetch(base + '/v2/room_recordings', {
    method: 'POST', headers: { Authorization: 'Bearer ' + key }, body: form,
  });
  const body = await answer.text();
  assert.equal(answer.status, 201, body);
  return JSON.parse(body).data;
}

/** The service's own ffmpeg: javacpp unpacks it under ~/.javacpp/cache on the service's first start. */
function findFfmpeg() {
  if (process.env.FFMPEG) return process.env.FFMPEG;
  const stack = [path.join(os.homedir(), '.javacpp', 'cache')];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && entry.name === 'ffmpeg') return full;
    }
  }
  throw new Error('no ffmpeg: set FFMPEG, or start the service once so that it unpacks its own');
}

/** Receives status callbacks on 127.0.0.1 (a free port): each request's URL, headers and form parameters. */
async function statusCallbackReceiver() {
  const received = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ method: request.method, path: request.url, headers: request.headers,
        params: Object.fromEntries(new URLSearchParams(body)) });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/status?check=node`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Waits (up to 60 s) until the callbacks hold the given event; deliveries are asynchronous and may be retried. */
async function awaitCallback(received, event) {
  for (let i = 0; i < 120 && !received.some((c) => c.params.StatusCallbackEvent === event); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(received.some((c) => c.params.StatusCallbackEvent === event), 'no ' + event + ' callback');
}

/** Follows a composition's status until completed, then downloads its /Media through the 302 (kept on failure). */
async function completeAndDownload(sid) {
  let done = await client.video.v1.compositions(sid).fetch();
  for (let i = 0; i < 240 && done.status !== 'completed'; i++) {
    assert.notEqual(done.status, 'failed', 'the composition failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    done = await client.video.v1.compositions(sid).fetch();
  }
  assert.equal(done.status, 'completed');
  assert.ok(done.duration > 0 && done.size > 0);
  const media = await client.request({ method: 'get', uri: done.links.media.replace(base, 'https://video.twilio.com')
    + '?Ttl=60' });
  assert.equal(media.statusCode, 302);
  // older versions of the library hand over the body as text, newer ones parsed
  const location = (typeof media.body === 'string' ? JSON.parse(media.body) : media.body).redirect_to;
  const file = Buffer.from(await (await fetch(location)).arrayBuffer());
  if (done.format === 'mp4') assert.equal(file.subarray(4, 8).toString('latin1'), 'ftyp', 'an MP4 file');
  else assert.equal(file.subarray(0, 4).toString('hex'), '1a45dfa3', 'a WebM (EBML) file');
  assert.equal(file.length, done.size);
  const local = path.join(downloads, sid + '.' + done.format);
  fs.writeFileSync(local, file);
  return { done, file, local };
}

/** One frame at the given second, as rows of RGB triples: pixel(x, y) → [r, g, b]. */
function frameAt(ffmpeg, file, second, width, height) {
  const raw = execFileSync(ffmpeg, ['-v', 'error', '-ss', String(second), '-i', file, '-frames:v', '1',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 64 << 20 });
  assert.equal(raw.length, width * height * 3, 'one ' + width + 'x' + height + ' frame');
  return (x, y) => [...raw.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
}

function assertColour(pixel, expected, where) {
  const [r, g, b] = pixel;
  const ok = { red: r > 180 && g < 70 && b < 70, blue: b > 180 && r < 70 && g < 70 }[expected];
  assert.ok(ok, `${where} should be ${expected}, is rgb(${r}, ${g}, ${b})`);
}

const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-check-'));

const SAMPLE_RATE = 16000;

/** The audio between two seconds, mixed to mono, as samples in [-1, 1). */
function audioBetween(ffmpeg, file, from, to) {
  const raw = execFileSync(ffmpeg, ['-v', 'error', '-ss', String(from), '-t', String(to - from), '-i', file,
    '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-'], { maxBuffer: 64 << 20 });
  const samples = new Float64Array(raw.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = raw.readInt16LE(i * 2) / 32768;
  return samples;
}

/** Goertzel: the amplitude of one frequency in the samples (a full-scale sine gives 1). */
function amplitudeAt(samples, frequency) {
  const coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return 2 * Math.sqrt(Math.max(power, 0)) / samples.length;
}

// lavfi's sine is 1/8 of full scale; a tone well under that, or absent, stays far below these
const PRESENT = 0.03;
const ABSENT = 0.005;

async function main() {
  const ffmpeg = findFfmpeg();
  const callbacks = await statusCallbackReceiver();
  const alice = await upload(aliceFile, { started_at: '2024-05-01T10:00:00Z', participant_context: 'alice',
    track_name: 'alice-cam' });
  const sessionId = alice[0].session_id;
  await upload(bobFile, { started_at: '2024-05-01T10:00:00Z', session_id: sessionId, participant_context: 'bob',
    track_name: 'bob-cam' });
  const roomSid = 'RM' + sessionId.replaceAll('-', '');

  // 1-2: authenticates, lists rooms and recordings
  const rooms = await client.video.v1.rooms.list({ status: 'in-progress' });
  assert.ok(rooms.some((room) => room.sid === roomSid), 'the room is listed');
  const recordings = await client.video.v1.recordings.list({ groupingSid: [roomSid] });
  assert.equal(recordings.length, 4);
  assert.deepEqual(new Set(recordings.map((r) => r.trackName)), new Set(['alice-cam', 'bob-cam']));
  const participants = await client.video.v1.rooms(roomSid).participants.list();
  assert.deepEqual(participants.map((p) => p.identity).sort(), ['alice', 'bob']);
  console.log('ok: rooms, recordings and participants listed');

  // 3: a composition with a layout in Twilio's documented form: regions with reuse, track-name globs, Trim
  const composition = await client.video.v1.compositions.create({
    roomSid,
    videoLayout: {
      left: { x_pos: 0, y_pos: 0, width: 160, height: 240, reuse: 'show_oldest', video_sources: ['bob*'] },
      right: { x_pos: 160, y_pos: 0, width: 160, height: 240, reuse: 'show_newest', video_sources: ['alice*'] },
    },
    audioSources: ['alice*', 'bob*'],
    audioSourcesExcluded: ['bob*'],
    resolution: '320x240',
    format: 'mp4',
    trim: true,
    statusCallback: callbacks.url,
    statusCallbackMethod: 'POST',
  });
  assert.match(composition.sid, /^CJ[0-9a-f]{32}$/);
  assert.equal(composition.roomSid, roomSid);
  assert.deepEqual(composition.audioSources, ['alice*', 'bob*']);
  console.log('ok: composition', composition.sid, composition.status);

  // 4: follows its status, downloads /Media through the redirect, checks pixels and tones
  const { done, file, local } = await completeAndDownload(composition.sid);
  console.log('ok: completed,', done.duration, 's,', file.length, 'bytes downloaded through the 302');
  const pixel = frameAt(ffmpeg, local, 1.5, 320, 240);
  assertColour(pixel(80, 120), 'blue', 'the left region (bob*)');
  assertColour(pixel(240, 120), 'red', 'the right region (alice*)');
  const audio = audioBetween(ffmpeg, local, 0.5, 2.5);
  const alice440 = amplitudeAt(audio, 440);
  const bob660 = amplitudeAt(audio, 660);
  assert.ok(alice440 > PRESENT, `alice's 440 Hz should be heard, amplitude ${alice440}`);
  assert.ok(bob660 < ABSENT, `bob's 660 Hz is excluded (AudioSourcesExcluded), amplitude ${bob660}`);
  console.log(`ok: blue left, red right at 1.5 s; 440 Hz at ${alice440.toFixed(3)}, excluded 660 Hz at`,
    bob660.toFixed(4));

  // 6: every status callback is signed with the key that created the composition, as validateRequest checks
  await awaitCallback(callbacks.received, 'composition-available');
  const events = new Map(); // by I-Twilio-Idempotency-Token: a retried delivery is the same event
  for (const callback of callbacks.received) {
    const signature = callback.headers['x-twilio-signature'];
    const name = callback.params.StatusCallbackEvent;
    assert.equal(callback.method, 'POST');
    assert.ok(signature, name + ' is signed');
    assert.equal(twilio.validateRequest(key, signature, callbacks.url, callback.params), true,
      name + ': validateRequest accepts it with the key');
    assert.equal(twilio.validateRequest(key + 'x', signature, callbacks.url, callback.params), false,
      name + ': validateRequest refuses it with a wrong token');
    assert.equal(callback.params.AccountSid, accountSid);
    assert.equal(callback.params.CompositionSid, composition.sid);
    assert.equal(callback.params.RoomSid, roomSid);
    assert.ok(callback.headers['i-twilio-idempotency-token'], name + ' has an idempotency token');
    events.set(callback.headers['i-twilio-idempotency-token'], callback.params);
  }
  const inOrder = [...events.values()].sort((a, b) => a.Timestamp.localeCompare(b.Timestamp))
    .map((params) => params.StatusCallbackEvent).filter((name) => name !== 'composition-progress');
  assert.deepEqual(inOrder, ['composition-enqueued', 'composition-started', 'composition-available']);
  const available = [...events.values()].find((params) => params.StatusCallbackEvent === 'composition-available');
  assert.equal(available.MediaUri, `/v1/Compositions/${composition.sid}/Media`);
  assert.equal(Number(available.Size), file.length);
  await callbacks.close();
  console.log(`ok: ${callbacks.received.length} status callbacks, each accepted by validateRequest (and refused with`
    + ' a wrong token):', inOrder.join(', '));

  // 5: pages a list (one a page, so the library follows next_page_url), and deletes; this second composition mixes
  // every audio source, so both tones are heard in it
  const second = await client.video.v1.compositions.create({ roomSid, audioSources: ['*'], resolution: '160x120' });
  const mixed = await completeAndDownload(second.sid);
  assert.equal(mixed.done.format, 'webm', 'without Format, WebM (Twilio\'s default)');
  const both = audioBetween(ffmpeg, mixed.local, 0.5, 2.5);
  const heard = [440, 660].map((frequency) => {
    const amplitude = amplitudeAt(both, frequency);
    assert.ok(amplitude > PRESENT, `${frequency} Hz should be heard in the mix of all sources, amplitude ${amplitude}`);
    return `${frequency} Hz at ${amplitude.toFixed(3)}`;
  });
  console.log('ok: both tones in the WebM composition of all audio sources:', heard.join(', '));
  const listed = await client.video.v1.compositions.list({ roomSid, pageSize: 1 });
  assert.deepEqual(listed.map((c) => c.sid).sort(), [composition.sid, second.sid].sort());
  await client.video.v1.compositions(second.sid).remove();
  await client.video.v1.compositions(composition.sid).remove();
  await assert.rejects(client.video.v1.compositions(composition.sid).fetch(),
    (e) => e.status === 404 && e.code === 20404);
  console.log('ok: listed page by page, deleted, then 404');

  // wrong credentials: Twilio's RestException with code 20003
  const stranger = twilio(accountSid, 'not-a-key', { httpClient: new MontageRequestClient() });
  await assert.rejects(stranger.video.v1.rooms.list(), (e) => e.status === 401 && e.code === 20003);
  console.log('ok: a wrong token is refused with 20003');
}

main().then(() => fs.rmSync(downloads, { recursive: true, force: true }), (e) => {
  console.error('FAILED:', e);
  process.exit(1);
});
