// Plotly draws its text at the layout's font size in pixels (13 from the server). The page's type follows
// the screen width (html font-size: clamp(13px, 0.8vw, 40px)), so a 4K wall gets about 31 px: charts take
// the same size here, after each plot and when the window changes, and their axes make room for it
// (automargin). Nothing is loaded: this only talks to the plots already on the page.
(function () {
    const rootSize = () => Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) || 13);

    function fit(gd) {
        if (!window.Plotly || !gd._fullLayout) return;
        const size = rootSize();
        if (gd.layout.font && gd.layout.font.size === size) return;
        window.Plotly.relayout(gd, { 'font.size': size });
    }

    function watch(gd) {
        if (gd.__iocScaled || typeof gd.on !== 'function') return;
        gd.__iocScaled = true;
        gd.on('plotly_afterplot', () => fit(gd));
        fit(gd);
    }

    const scan = () => document.querySelectorAll('.js-plotly-plot').forEach(watch);
    // The wall changes many times a second: look for new plots at most once a frame.
    let queued = false;
    new MutationObserver(() => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => { queued = false; scan(); });
    }).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', () => document.querySelectorAll('.js-plotly-plot').forEach(fit));
    scan();
})();
