// Sessions: the list, and a session with its participants, recordings and compositions, and the way to compose it.

import { api } from './api.js';
import { count, el, table, when } from './dom.js';
import { shortId, show, showFailure } from './pages.js';

export async function renderSessions(main, { signal }) {
  let sessions;
  let rooms;
  try {
    [sessions, rooms] = await Promise.all([
      api('GET', '/v2/room_sessions', { query: { include_participants: true, 'page[size]': 250 }, signal }),
      api('GET', '/v2/rooms', { query: { 'page[size]': 250 }, signal }),
    ]);
  } catch (e) {
    showFailure(main, 'Sessions', e);
    return;
  }
  if (signal.aborted) return;
  const roomNames = new Map(rooms.data.map(room => [room.id, room.unique_name]));
  const rows = sessions.data.map(session => [
    el('a', { href: '#/sessions/' + session.id, 'aria-label': 'Session ' + session.id }, shortId(session.id)),
    roomNames.get(session.room_id) || shortId(session.room_id),
    when(session.created_at),
    session.ended_at ? when(session.ended_at) : 'active',
    String((session.participants || []).length),
  ]);
  show(main,
    el('h1', {}, 'Sessions'),
    rows.length
      ? table(`${count(sessions.meta.total_results, 'session')}, newest first`,
        ['Session', 'Room', 'Started', 'Ended', 'Participants'], rows, () => ({ 'data-testid': 'session-row' }))
      : el('p', { class: 'notice' }, 'No sessions yet: upload recordings (POST /v2/room_recordings) to make one.'));
}

export async function renderSession(main, { id, signal }) {
  let session;
  let participants;
  let recordings;
  let compositions;
  try {
    [session, participants, recordings, compositions] = await Promise.all([
      api('GET', '/v2/room_sessions/' + encodeURIComponent(id), { signal }),
      api('GET', `/v2/room_sessions/${encodeURIComponent(id)}/participants`, { query: { 'page[size]': 250 }, signal }),
      api('GET', '/v2/room_recordings', { query: { 'filter[session_id]': id, 'page[size]': 250 }, signal }),
      api('GET', '/v2/room_compositions', { query: { 'filter[session_id]': id, 'page[size]': 250 }, signal }),
    ]);
  } catch (e) {
    showFailure(main, 'Session ' + shortId(id), e);
    return;
  }
  if (signal.aborted) return;
  const session_ = session.data;
  const contexts = new Map(participants.data.map(p => [p.id, p.context]));
  show(main,
    el('h1', {}, 'Session ' + shortId(session_.id)),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Id'), el('dd', {}, session_.id),
      el('dt', {}, 'Room'), el('dd', {}, session_.room_id),
      el('dt', {}, 'Started'), el('dd', {}, when(session_.created_at)),
      el('dt', {}, 'Ended'), el('dd', {}, session_.ended_at ? when(session_.ended_at) : 'active')),
    el('p', {}, el('a', { class: 'button', href: '#/composer/' + session_.id, 'data-testid': 'compose-link' },
      'Compose this session')),
    el('h2', {}, 'Participants'),
    participants.data.length
      ? table('Participants, by arrival', ['Participant', 'Joined', 'Left'],
        [...participants.data].sort((a, b) => a.joined_at.localeCompare(b.joined_at))
          .map(p => [p.context || shortId(p.id), when(p.joined_at), p.left_at ? when(p.left_at) : '—']),
        () => ({ 'data-testid': 'participant-row' }), { captionShown: false })
      : el('p', {}, 'No participants.'),
    el('h2', {}, 'Recordings'),
    recordings.data.length
      ? table('Recordings', ['Type', 'Track', 'Participant', 'Duration', 'Started'],
        recordings.data.map(r => [r.type, r.track_name || '—', contexts.get(r.participant_id) || shortId(r.participant_id),
          r.duration_secs + ' s', when(r.started_at)]),
        () => ({ 'data-testid': 'recording-row' }), { captionShown: false })
      : el('p', {}, 'No recordings.'),
    el('h2', {}, 'Compositions'),
    compositions.data.length
      ? table('Compositions of this session', ['Composition', 'Status', 'Created'],
        compositions.data.map(c => [el('a', { href: '#/compositions/' + c.id, 'aria-label': 'Composition ' + c.id },
          shortId(c.id)), c.status, when(c.created_at)]), undefined, { captionShown: false })
      : el('p', {}, 'None yet.'));
}
