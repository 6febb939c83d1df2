extension UploadPage {
    /// The page's JavaScript (plain ES2020, no dependencies).
    ///
    /// Routes it calls, relative to the page URL: `POST thumbnails` with the image as the body
    /// (expects `201` and `{"key","thumbnails":[{"key","size","width","height","bytes","contentType","url"}]}`;
    /// the largest size is shown, in the first of AVIF, WebP, JPEG, PNG made, and its type named); `POST uploads?contentType=TYPE` (expects `{"key",
    /// "url","method","headers"}`), then the PUT to `url`, then `GET thumbnails/{key}` every
    /// second until it stops answering `404` (up to two minutes). An error answer's `message` (or `error`)
    /// field, or S3's XML `<Message>`, is shown next to that file.
    static let script = #"""
        (() => {
          'use strict';
          const app = document.getElementById('app');
          const SYNC_BYTES = Number(app.dataset.syncBytes) || 4194304;
          const MAX_BYTES = Number(app.dataset.maxBytes) || 104857600;
          const PARALLEL = 2, POLL_MS = 1000, POLL_LIMIT_MS = 120000;
          const input = document.getElementById('files');
          const drop = document.getElementById('drop');
          const gallery = document.getElementById('gallery');
          const summary = document.getElementById('summary');
          const announcer = document.getElementById('announcer');
          const queue = [];
          const counts = { total: 0, done: 0, failed: 0 };
          let running = 0;

          const api = (path) => new URL(path, document.baseURI).toString();
          const keyPath = (key) => String(key).split('/').map(encodeURIComponent).join('/');
          const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

          // What the page names each thumbnail type it shows, in the function's order of preference.
          const FORMAT_NAMES = { 'image/avif': 'AVIF', 'image/webp': 'WebP', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

          function formatBytes(n) {
            if (n < 1024) return `${n} B`;
            if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`;
            return `${(n / 1048576).toFixed(1)} MB`;
          }

          function announce(text) {
            announcer.textContent = '';
            setTimeout(() => { announcer.textContent = text; }, 60);
          }

          function updateSummary() {
            if (counts.total === 0) { summary.textContent = 'No images yet.'; return; }
            const busy = counts.total - counts.done - counts.failed;
            const parts = [`${counts.done} ready`];
            if (counts.failed) parts.push(`${counts.failed} failed`);
            if (busy) parts.push(`${busy} in progress`);
            summary.textContent = `${counts.total} ${counts.total === 1 ? 'image' : 'images'}: ${parts.join(', ')}`;
          }

          function makeItem(file) {
            const li = document.createElement('li');
            li.className = 'item working';
            li.innerHTML = '<div class="thumb"><span class="placeholder">Waiting…</span></div>' +
              '<div class="meta"><p class="name"></p><progress max="1"></progress>' +
              '<p class="status">Waiting</p><p class="facts" hidden></p><p class="link" hidden></p></div>';
            const $ = (selector) => li.querySelector(selector);
            $('.name').textContent = file.name;
            $('progress').setAttribute('aria-label', `Progress of ${file.name}`);
            gallery.append(li);
            return {
              status(text) { $('.status').textContent = text; $('.placeholder') && ($('.placeholder').textContent = text); },
              progress(fraction) {
                const bar = $('progress');
                if (!bar) return;
                if (fraction === null) bar.removeAttribute('value'); else bar.value = Math.min(1, Math.max(0, fraction));
              },
              succeed(result, image) {
                li.className = 'item done';
                $('progress').remove();
                $('.thumb').replaceChildren(image);
                $('.status').textContent = 'Thumbnail ready';
                $('.facts').hidden = false;
                const kind = FORMAT_NAMES[(result.type || '').toLowerCase()];
                $('.facts').textContent = `${result.width} × ${result.height} px · ${formatBytes(result.bytes)}${kind ? ` · ${kind}` : ''}`;
                const link = document.createElement('a');
                link.href = result.href;
                link.target = '_blank';
                link.rel = 'noopener';
                link.textContent = 'Open thumbnail';
                link.setAttribute('aria-label', `Open the thumbnail of ${file.name}`);
                $('.link').hidden = false;
                $('.link').replaceChildren(link);
              },
              fail(message) {
                li.className = 'item failed';
                $('progress') && $('progress').remove();
                $('.thumb').replaceChildren(Object.assign(document.createElement('span'), { className: 'placeholder', textContent: 'No thumbnail' }));
                $('.status').textContent = message;
                $('.status').setAttribute('role', 'alert');
              },
            };
          }

          // Type and size checks before any upload; the function checks again.
          async function check(file) {
            const ext = (file.name.includes('.') ? file.name.split('.').pop() : '').toLowerCase();
            if (!['image/jpeg', 'image/png', 'image/webp', 'image/avif'].includes(file.type)
                && !['jpg', 'jpeg', 'png', 'webp', 'avif'].includes(ext)) {
              throw new Error('Not a JPEG, PNG, WebP or AVIF file');
            }
            if (file.size === 0) throw new Error('The file is empty');
            if (file.size > MAX_BYTES) throw new Error(`Too large: ${formatBytes(file.size)} (the limit is ${formatBytes(MAX_BYTES)})`);
            const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
            const text = (from, to) => String.fromCharCode(...head.slice(from, to));
            if (head[0] === 0xFF && head[1] === 0xD8 && head[2] === 0xFF) return 'image/jpeg';
            if ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A].every((b, i) => head[i] === b)) return 'image/png';
            if (text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'image/webp';
            if (text(4, 8) === 'ftyp') {
              // ISO BMFF: major brand at 8, compatible brands from 16 to the box's end (as ImageFormat.sniff).
              const end = Math.min(((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0, head.length);
              const brands = [8];
              for (let at = 16; at + 4 <= end; at += 4) brands.push(at);
              if (brands.some((at) => ['avif', 'avis'].includes(text(at, at + 4)))) return 'image/avif';
            }
            throw new Error('Not a JPEG, PNG, WebP or AVIF file (its first bytes match none of their signatures)');
          }

          function send(method, url, body, headers, onProgress) {
            return new Promise((resolve, reject) => {
              const xhr = new XMLHttpRequest();
              xhr.open(method, url);
              for (const [name, value] of Object.entries(headers || {})) xhr.setRequestHeader(name, value);
              if (onProgress) xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
              xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText || '' });
              xhr.onerror = () => reject(new Error('The upload failed: the network request did not complete'));
              xhr.send(body);
            });
          }

          function parseJSON(text) { try { return JSON.parse(text); } catch (e) { return null; } }

          function errorText(status, text) {
            const json = parseJSON(text);
            const message = json && (json.message || (typeof json.error === 'string' ? json.error : json.error && json.error.message));
            // The card already names the file: drop the function's "s3://bucket/key: " subject.
            if (message) { const text = String(message).replace(/^s3:\/\/\S+?: /, ''); return text.charAt(0).toUpperCase() + text.slice(1); }
            const xml = /<Message>([^<]*)<\/Message>/.exec(text || '');
            if (xml) return xml[1];
            return `The server answered ${status}`;
          }

          function loadImage(src, name) {
            return new Promise((resolve, reject) => {
              const image = new Image();
              image.alt = `Thumbnail of ${name}`;
              image.decoding = 'async';
              image.onload = () => resolve(image);
              image.onerror = () => reject(new Error('The thumbnail could not be loaded'));
              image.src = src;
            });
          }

          async function viaFunction(file, item, type) {
            item.status('Uploading…');
            const res = await send('POST', api('thumbnails'), file,
              { 'Content-Type': type }, (f) => item.progress(f * 0.9));
            if (res.status < 200 || res.status > 299) throw new Error(errorText(res.status, res.text));
            const body = parseJSON(res.text) || {};
            const thumbs = body.thumbnails || [];
            // The largest size; among its formats (THUMBGEN_FORMATS), the smallest kind first, as
            // GET /thumbnails/{key} negotiates for a browser that accepts them all.
            const largest = Math.max(...thumbs.map((t) => t.size || 0));
            const sameSize = thumbs.filter((t) => (t.size || 0) === largest);
            const rank = (t) => { const i = Object.keys(FORMAT_NAMES).indexOf((t.contentType || '').toLowerCase()); return i < 0 ? 99 : i; };
            const thumb = sameSize.sort((a, b) => rank(a) - rank(b))[0];
            if (!thumb) throw new Error('The server answered without a thumbnail');
            const href = thumb.url || api(`thumbnails/${keyPath(body.originalKey || body.key || thumb.key)}`);
            const image = await loadImage(href, file.name);
            return { image, href, width: thumb.width || image.naturalWidth, height: thumb.height || image.naturalHeight, bytes: thumb.bytes || 0,
              type: thumb.contentType || '' };
          }

          async function viaPresignedPut(file, item, type) {
            item.status('Preparing upload…');
            const res = await send('POST', `${api('uploads')}?contentType=${encodeURIComponent(type)}&size=${file.size}`, null, {});
            if (res.status < 200 || res.status > 299) throw new Error(errorText(res.status, res.text));
            const upload = parseJSON(res.text) || {};
            if (!upload.url) throw new Error('The server answered without an upload URL');
            item.status('Uploading…');
            const put = await send(upload.method || 'PUT', upload.url, file, Object.assign({ 'Content-Type': type }, upload.headers || {}),
              (f) => item.progress(f * 0.9));
            if (put.status < 200 || put.status > 299) throw new Error(errorText(put.status, put.text));
            item.status('Making the thumbnail…');
            item.progress(null);
            const href = api(`thumbnails/${keyPath(upload.key)}`);
            const started = Date.now();
            while (Date.now() - started < POLL_LIMIT_MS) {
              let response = null;
              try { response = await fetch(href, { cache: 'no-store' }); } catch (e) { response = null; }
              if (response && response.ok) {
                const blob = await response.blob();
                const image = await loadImage(URL.createObjectURL(blob), file.name);
                return { image, href, width: image.naturalWidth, height: image.naturalHeight, bytes: blob.size, type: blob.type };
              }
              if (response && response.status !== 404) throw new Error(errorText(response.status, await response.text()));
              if (!response) {
                // The redirect target may not allow reading it (no CORS on the bucket): an <img> still can.
                try {
                  const image = await loadImage(`${href}?t=${Date.now()}`, file.name);
                  return { image, href, width: image.naturalWidth, height: image.naturalHeight, bytes: 0 };
                } catch (e) { /* not there yet */ }
              }
              await sleep(POLL_MS);
            }
            throw new Error('No thumbnail appeared within two minutes; the image may be damaged');
          }

          async function run({ file, item }) {
            try {
              const type = await check(file);
              announce(`${file.name}: uploading`);
              const result = file.size <= SYNC_BYTES ? await viaFunction(file, item, type) : await viaPresignedPut(file, item, type);
              item.succeed(result, result.image);
              counts.done += 1;
              announce(`${file.name}: thumbnail ready, ${result.width} by ${result.height} pixels`);
            } catch (error) {
              item.fail(error.message);
              counts.failed += 1;
              announce(`${file.name}: failed. ${error.message}`);
            }
          }

          function pump() {
            while (running < PARALLEL && queue.length) {
              const job = queue.shift();
              running += 1;
              run(job).finally(() => { running -= 1; updateSummary(); pump(); });
            }
          }

          function enqueue(files) {
            for (const file of files) {
              queue.push({ file, item: makeItem(file) });
              counts.total += 1;
            }
            updateSummary();
            pump();
          }

          input.addEventListener('change', () => { enqueue(Array.from(input.files)); input.value = ''; });
          for (const type of ['dragenter', 'dragover']) {
            drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('dragging'); });
          }
          for (const type of ['dragleave', 'drop']) {
            drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.remove('dragging'); });
          }
          drop.addEventListener('drop', (e) => enqueue(Array.from(e.dataTransfer.files)));
          // A file dropped beside the zone must not navigate away from the page.
          window.addEventListener('dragover', (e) => e.preventDefault());
          window.addEventListener('drop', (e) => e.preventDefault());
        })();
        """#
}
