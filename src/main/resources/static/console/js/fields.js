// Puts the API's 422s next to the fields they point at (source.pointer ↔ data-pointer), the rest in the
// container's alert summary. Fields are linked to their message with aria-describedby, so a screen reader reads it.

let nextId = 0;

export function clearErrors(container) {
  for (const message of container.querySelectorAll('.field-error')) message.remove();
  for (const field of container.querySelectorAll('[aria-invalid="true"]')) {
    field.removeAttribute('aria-invalid');
    const kept = (field.getAttribute('aria-describedby') || '').split(' ')
      .filter(id => id && !id.startsWith('field-error-'));
    if (kept.length) field.setAttribute('aria-describedby', kept.join(' '));
    else field.removeAttribute('aria-describedby');
  }
  const summary = container.querySelector('[role="alert"]');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

export function showErrors(container, errors) {
  clearErrors(container);
  const unplaced = [];
  let first = null;
  for (const error of errors || []) {
    const pointer = error.source && error.source.pointer;
    const field = pointer ? fieldFor(container, pointer) : null;
    if (!field) {
      unplaced.push(error);
      continue;
    }
    const message = document.createElement('p');
    message.className = 'field-error';
    message.id = 'field-error-' + (++nextId);
    message.textContent = error.detail || error.title;
    field.after(message);
    field.setAttribute('aria-invalid', 'true');
    const described = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', described ? described + ' ' + message.id : message.id);
    if (!first) first = field;
  }
  const summary = container.querySelector('[role="alert"]');
  if (unplaced.length && summary) {
    const list = document.createElement('ul');
    for (const error of unplaced) {
      const item = document.createElement('li');
      const where = error.source && (error.source.pointer || error.source.parameter);
      item.textContent = (error.detail || error.title) + (where ? ` (${where})` : '');
      list.append(item);
    }
    summary.replaceChildren(list);
    summary.hidden = false;
  }
  if (first) first.focus();
  else if (summary && unplaced.length) summary.focus();
}

function fieldFor(container, pointer) {
  for (const element of container.querySelectorAll('[data-pointer]')) {
    if (element.dataset.pointer === pointer) return element;
  }
  return null;
}
