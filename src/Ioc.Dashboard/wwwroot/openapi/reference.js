// Renders /openapi/v1.json as a reference page, from the center's own files only (no CDN, no inline script).
(function () {
  'use strict';
  var doc;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function resolve(schema) {
    if (schema && schema.$ref) {
      var name = schema.$ref.split('/').pop();
      return { name: name, schema: (doc.components && doc.components.schemas && doc.components.schemas[name]) || {} };
    }
    return { name: null, schema: schema || {} };
  }

  // A schema as an indented outline: objects by property, arrays by item, refs expanded once.
  function outline(schema, depth, seen) {
    var r = resolve(schema), s = r.schema, pad = new Array(depth + 1).join('  ');
    if (r.name && seen.indexOf(r.name) >= 0) return r.name + ' (see above)';
    var next = r.name ? seen.concat([r.name]) : seen;
    var type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type || '');
    if (s.enum) return type + ' one of ' + s.enum.join(', ');
    if (s.type === 'array' || (Array.isArray(s.type) && s.type.indexOf('array') >= 0))
      return 'array of ' + outline(s.items || {}, depth, next);
    if (s.properties) {
      var lines = [(r.name ? r.name + ' ' : '') + '{'];
      Object.keys(s.properties).forEach(function (p) {
        var req = (s.required || []).indexOf(p) >= 0 ? '' : '?';
        lines.push(pad + '  ' + p + req + ': ' + outline(s.properties[p], depth + 1, next));
      });
      lines.push(pad + '}');
      return lines.join('\n');
    }
    if (s.oneOf || s.anyOf) return (s.oneOf || s.anyOf).map(function (x) { return outline(x, depth, next); }).join(' | ');
    return (r.name || type || 'any') + (s.format ? ' (' + s.format + ')' : '');
  }

  function content(c) {
    return Object.keys(c || {}).map(function (type) {
      return el('div', {}, [el('code', {}, [type]), el('pre', {}, [outline(c[type].schema, 0, [])])]);
    });
  }

  function operation(path, method, op) {
    var id = (op.operationId || method + path).replace(/[^A-Za-z0-9_-]/g, '-');
    var parts = [el('h3', { id: id }, [el('span', { 'class': 'method ' + method }, [method]), el('code', {}, [path])])];
    if (op.summary) parts.push(el('p', {}, [op.summary]));
    if (op.description) parts.push(el('p', {}, [op.description]));
    var params = op.parameters || [];
    if (params.length) {
      var rows = params.map(function (p) {
        return el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', {}, [p.in]), el('td', {}, [p.required ? 'required' : 'optional']),
          el('td', {}, [outline(p.schema, 0, [])])]);
      });
      parts.push(el('h4', {}, ['Parameters']), el('table', {}, [el('tr', {}, [el('th', {}, ['name']), el('th', {}, ['in']), el('th', {}, ['']), el('th', {}, ['type'])])].concat(rows)));
    }
    if (op.requestBody) parts.push(el('h4', {}, ['Body'])), content(op.requestBody.content).forEach(function (c) { parts.push(c); });
    var responses = op.responses || {};
    parts.push(el('h4', {}, ['Answers']));
    Object.keys(responses).forEach(function (status) {
      parts.push(el('p', {}, [el('strong', {}, [status]), ' ' + (responses[status].description || '')]));
      content(responses[status].content).forEach(function (c) { parts.push(c); });
    });
    return { id: id, section: el('section', { 'class': 'op' }, parts) };
  }

  function render() {
    document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
    document.getElementById('description').textContent = doc.info.description || '';
    var main = document.getElementById('operations'), toc = el('ul');
    main.textContent = '';
    var byTag = {};
    Object.keys(doc.paths).sort().forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        if (typeof op !== 'object' || !op.responses) return;
        var tag = (op.tags && op.tags[0]) || 'Other';
        (byTag[tag] = byTag[tag] || []).push(operation(path, method, op));
        toc.appendChild(el('li', {}, [el('a', { href: '#' + byTag[tag][byTag[tag].length - 1].id }, [method.toUpperCase() + ' ' + path])]));
      });
    });
    Object.keys(byTag).sort().forEach(function (tag) {
      main.appendChild(el('h2', {}, [tag]));
      byTag[tag].forEach(function (o) { main.appendChild(o.section); });
    });
    document.getElementById('toc').appendChild(toc);
  }

  fetch('/openapi/v1.json', { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (d) { doc = d; render(); })
    .catch(function (e) { document.getElementById('operations').textContent = 'Could not read /openapi/v1.json: ' + e; });
})();
