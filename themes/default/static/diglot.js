// diglot default theme: progressive enhancement only; every page works without it.
"use strict";
document.documentElement.classList.add("js");
