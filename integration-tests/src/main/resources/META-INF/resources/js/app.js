// Marks the page as scripted; the demo needs no more than that.
document.documentElement.classList.add('js');
