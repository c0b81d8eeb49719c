using Microsoft.Playwright;

namespace Ioc.Wall.Tests.Support;

/// <summary>
/// What the browser actually changed in a part of the page: a MutationObserver under a root
/// element notes, for every node added, removed or altered, the nearest marked ancestor (its
/// <c>data-code</c>, else its <c>data-testid</c>). A page that takes a change for one ward touches
/// that ward's elements and no other's.
/// </summary>
public sealed class DomChanges(IPage page)
{
    public Task Watch(string root, string mark) => page.EvaluateAsync(@"([root, mark]) => {
        window.__iocChanged = new Set();
        window.__iocObserver?.disconnect();
        // A node already taken out again when the observer runs is skipped: its removal is noted
        // on the parent it left. An unmarked change names the element and what changed in it.
        const note = (n, what) => {
            const el = n && (n.nodeType === 1 ? n : n.parentElement);
            if (!el || !el.isConnected) return;
            const marked = el.closest(mark);
            window.__iocChanged.add(marked ? (marked.dataset.code ?? marked.dataset.testid)
                : `(unmarked) ${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0]} ${what}`);
        };
        window.__iocObserver = new MutationObserver(list => {
            for (const m of list) {
                note(m.target, m.type === 'attributes' ? '@' + m.attributeName : m.type);
                m.addedNodes.forEach(n => note(n, 'added'));
            }
        });
        window.__iocObserver.observe(document.querySelector(root), { subtree: true, childList: true, attributes: true, characterData: true });
    }", new[] { root, mark });

    /// <summary>The marks of everything changed since <see cref="Watch"/>, sorted.</summary>
    public async Task<string[]> Changed() =>
        [.. (await page.EvaluateAsync<string[]>("() => [...window.__iocChanged]")).Order(StringComparer.Ordinal)];
}
