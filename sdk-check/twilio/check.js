// Runs the official Twilio Node helper library against Montage's /v1 (docs/twilio.md). Only the host changes: a
// RequestClient that sends what the library addresses to https://video.twilio.com to Montage instead.
//
//   MONTAGE_URL=http://127.0.0.1:8080 MONTAGE_ACCOUNT_ID=<uuid> MONTAGE_API_KEY=<key> node check.js a.webm b.webm
//
// (create-api-key prints the account id and key). The two files are uploaded through /v2 as two participants.
'use strict';

const fs = require('node:fs');
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

async function main() {
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
  });
  assert.match(composition.sid, /^CJ[0-9a-f]{32}$/);
  assert.equal(composition.roomSid, roomSid);
  assert.deepEqual(composition.audioSources, ['alice*', 'bob*']);
  console.log('ok: composition', composition.sid, composition.status);

  // 4: follows its status, downloads /Media through the redirect
  let done = composition;
  for (let i = 0; i < 240 && done.status !== 'completed'; i++) {
    assert.notEqual(done.status, 'failed', 'the composition failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    done = await client.video.v1.compositions(composition.sid).fetch();
  }
  assert.equal(done.status, 'completed');
  assert.ok(done.duration > 0 && done.size > 0);
  const media = await client.request({ method: 'get', uri: done.links.media.replace(base, 'https://video.twilio.com')
    + '?Ttl=60' });
  assert.equal(media.statusCode, 302);
  // older versions of the library hand over the body as text, newer ones parsed
  const location = (typeof media.body === 'string' ? JSON.parse(media.body) : media.body).redirect_to;
  const file = Buffer.from(await (await fetch(location)).arrayBuffer());
  assert.equal(file.subarray(4, 8).toString('latin1'), 'ftyp', 'an MP4 file');
  assert.equal(file.length, done.size);
  console.log('ok: completed,', done.duration, 's,', file.length, 'bytes downloaded through the 302');

  // 5: pages a list (one a page, so the library follows next_page_url), and deletes
  const second = await client.video.v1.compositions.create({ roomSid, audioSources: ['*'], resolution: '160x120' });
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

main().catch((e) => {
  console.error('FAILED:', e);
  process.exit(1);
});
