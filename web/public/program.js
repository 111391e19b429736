// The program page: sites and their tracks from GET /api/v1/public/program,
// each with its days, hours and a small week grid.  Nothing is hard-coded:
// when the request fails the page says so and offers to try again.
import {
  h, clear, loadProgram, fillProgramChrome, programPhone, phoneLink,
  WEEKDAYS, clock, listWords, zoneName, hoursWords,
} from './public.js';

const box = document.getElementById('tracks');

function weekGrid(track, label) {
  const on = new Set(track.weekdays || []);
  const when = `${clock(track.start_time)} – ${clock(track.end_time)}`;
  return h('ol.week', { 'aria-label': label },
    WEEKDAYS.map(([code, long, short]) => {
      // The full name for screen readers and narrow screens; the short one
      // where seven columns sit side by side.
      const day = h('span.day', h('span.d-long', { text: long }), h('span.d-short', { 'aria-hidden': 'true', text: short }));
      return on.has(code)
        ? h('li.on', day, h('span.time', { text: when }))
        : h('li.off', day, h('span.time', { text: 'No group' }));
    }));
}

function trackCard(site, track) {
  const days = WEEKDAYS.filter(([code]) => (track.weekdays || []).includes(code)).map(([, long]) => long);
  const id = `track-${track.id}`;
  const hours = hoursWords(track.hours_per_week);
  return h('article.card.track', { 'aria-labelledby': id },
    h('h4', { id, text: track.name }),
    track.level_words ? h('p.track-level', { text: track.level_words }) : null,
    h('p.track-when', `${listWords(days)}, ${clock(track.start_time)} to ${clock(track.end_time)}`),
    hours ? h('p.track-hours', { text: hours }) : null,
    h('p.week-label', { 'aria-hidden': 'true', text: 'What a week looks like' }),
    weekGrid(track, `What a week looks like in the ${track.name} group at ${site.name}`));
}

function siteSection(site, phone) {
  const id = `site-${site.id}`;
  const zone = zoneName(site.timezone);
  const meta = [];
  if (site.address) meta.push(site.address);
  const tracks = (site.tracks || []);
  return h('section.site', { 'aria-labelledby': id },
    h('h3', { id, text: site.name }),
    h('p.site-meta',
      meta.join(''),
      site.phone ? [meta.length ? ' · ' : '', 'Phone ', phoneLink(site.phone)] : null,
      zone ? [(meta.length || site.phone) ? ' · ' : '', `Times are ${zone}.`] : null),
    tracks.length
      ? tracks.map((t) => trackCard(site, t))
      : h('p.card.fallback', 'No groups are listed here at the moment. ',
        (site.phone || phone) ? ['Please call us at ', phoneLink(site.phone || phone), ' to hear about times.'] : 'Please call us to hear about times.'));
}

function showFallback(phone) {
  clear(box);
  const retry = h('button.secondary', { type: 'button', text: 'Try again' });
  retry.addEventListener('click', () => { show(true); });
  box.append(h('div.card.fallback', { role: 'status' },
    h('p', h('strong', { text: 'We could not load our group schedules just now.' })),
    h('p', phone
      ? ['Please call us at ', phoneLink(phone), ' and we will tell you the days and times, or try again in a moment.']
      : ['Please try again in a moment, or ', h('a', { href: '/get-help.html', text: 'ask us to call you back' }),
        ' and we will tell you the days and times.']),
    retry));
}

async function show(again) {
  box.setAttribute('aria-busy', 'true');
  if (again) {
    clear(box).append(h('p.loading', { role: 'status', text: 'Loading our group schedules…' }));
  }
  let p;
  try {
    p = await loadProgram();
  } catch {
    box.removeAttribute('aria-busy');
    showFallback('');
    return;
  }
  fillProgramChrome();
  const phone = programPhone(p);
  const sites = (p.sites || []).filter((s) => s && s.name);
  clear(box);
  box.removeAttribute('aria-busy');
  if (!sites.length) {
    box.append(h('p.card.fallback', 'Our group times are not listed here at the moment. ',
      phone ? ['Please call us at ', phoneLink(phone), ' to hear about them.'] : 'Please call us to hear about them.'));
    return;
  }
  for (const s of sites) box.append(siteSection(s, phone));
}

show(false);
