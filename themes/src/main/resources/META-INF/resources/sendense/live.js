/*
 * Live pages (sd:live): a page re-renders its parts when the hub pushes "changed" on a Faces
 * websocket channel (jobs, flows, nodes, dashboard), and polls only while that socket is closed or never opened.
 * A page that follows one job of a channel (a VM's performance, a VM restore) names a CSS selector
 * (data-when): pushes and the poll count only while an element matching it is in the page, so the
 * page asks for nothing while its job does not run.
 * Once nobody has touched the page (keyboard, mouse, touch) for the idle limit, it stops both, so
 * the session can expire; the first touch afterwards refreshes the page's parts again, or reloads
 * the page (to the login page) when the session has ended meanwhile: the hub said so on the
 * socket, or the page was idle longer than the session timeout.
 */
(function (window, document) {
  "use strict";
  var NEVER_OPENED_MILLIS = 10000;
  var live = [];
  var sockets = {};
  var idleMillis = 3600000;
  var lastTouch = Date.now();
  var idle = false;
  var idleSince = 0;
  var sessionMillis = 0;
  var counts = {messages: 0, refreshes: 0, pollStarts: 0};

  function poll(entry) {
    return entry.poll && window.PrimeFaces ? PrimeFaces.widgets[entry.poll] : null;
  }

  /** Whether the page wants updates for the entry now (its data-when element is shown). */
  function wanted(entry) {
    return !entry.when || !!document.querySelector(entry.when);
  }

  function startPoll(entry) {
    var widget = poll(entry);
    if (widget && !idle && !widget.active && wanted(entry)) {
      counts.pollStarts++;
      widget.start();
    }
  }

  function stopPoll(entry) {
    var widget = poll(entry);
    if (widget && widget.active) {
      widget.stop();
    }
  }

  function refresh(entry) {
    if (!wanted(entry)) {
      return;
    }
    if (idle) {
      entry.missed = true;
      return;
    }
    entry.missed = false;
    var command = window[entry.refresh];
    if (typeof command === "function") {
      counts.refreshes++;
      command();
    }
  }

  function each(channel, fn) {
    live.forEach(function (entry) {
      if (entry.channel === channel) {
        fn(entry);
      }
    });
  }

  function register(element) {
    var entry = {
      channel: element.getAttribute("data-channel"),
      refresh: element.getAttribute("data-refresh"),
      poll: element.getAttribute("data-poll"),
      when: element.getAttribute("data-when") || null,
      fallback: false,
      open: false,
      missed: false
    };
    idleMillis = Number(element.getAttribute("data-idle-ms")) || idleMillis;
    sessionMillis = Number(element.getAttribute("data-session-ms")) || sessionMillis;
    live.push(entry);
    var socket = entry.channel ? sockets[entry.channel] : {closed: true};
    if (socket) {
      entry.open = !!socket.open;
    }
    if (!entry.open && (!socket || socket.closed)) {
      // Closed already, or no socket: poll. A socket still connecting gets NEVER_OPENED_MILLIS.
      if (socket) {
        entry.fallback = true;
        startPoll(entry);
      } else {
        window.setTimeout(function () {
          if (!entry.open) {
            entry.fallback = true;
            startPoll(entry);
          }
        }, NEVER_OPENED_MILLIS);
      }
    }
  }

  function touched() {
    lastTouch = Date.now();
    if (!idle) {
      return;
    }
    idle = false;
    document.documentElement.classList.remove("sd-idle");
    var expired = sessionMillis > 0 && Date.now() - idleSince >= sessionMillis;
    if (expired || live.some(function (entry) { return entry.expired; })) {
      window.location.reload();
      return;
    }
    live.forEach(function (entry) {
      if (!entry.channel) {
        // A page that only polls: again what polled before (a poll may have stopped itself).
        if (entry.resume) {
          startPoll(entry);
        }
        return;
      }
      if (entry.missed || !entry.open) {
        refresh(entry);
      }
      if (!entry.open) {
        startPoll(entry);
      }
    });
  }

  function checkIdle() {
    if (!idle && live.length && Date.now() - lastTouch >= idleMillis) {
      idle = true;
      idleSince = Date.now();
      document.documentElement.classList.add("sd-idle");
      live.forEach(function (entry) {
        var widget = poll(entry);
        entry.resume = !!(widget && widget.active);
      });
    }
    if (!idle) {
      // A page following one job: the poll (socket closed) only while its element is shown.
      live.forEach(function (entry) {
        if (entry.when && !wanted(entry)) {
          stopPoll(entry);
        } else if (entry.when && entry.fallback) {
          startPoll(entry);
        }
      });
    }
    if (idle) {
      // Again each time: a poll that re-renders itself comes back started from its last answer.
      live.forEach(stopPoll);
    }
  }

  // The f:websocket handlers (named in the sd:live tag).
  window.sdLiveOpen = function (channel) {
    sockets[channel] = {open: true};
    each(channel, function (entry) {
      entry.open = true;
      entry.fallback = false;
      stopPoll(entry);
    });
  };
  window.sdLiveMessage = function (message, channel) {
    counts.messages++;
    each(channel, refresh);
  };
  window.sdLiveClose = function (code, channel, event) {
    sockets[channel] = {closed: true};
    each(channel, function (entry) {
      entry.open = false;
      entry.expired = code === 1000 && event && event.reason === "Expired";
      entry.fallback = !entry.expired;
      if (!entry.expired) {
        startPoll(entry);
      }
    });
  };

  /** State for the browser tests; idleAfter shortens the idle limit of this page. */
  window.SendenseLive = {
    state: function () {
      return {
        open: live.filter(function (e) { return e.open; }).length,
        polling: live.filter(function (e) { var w = poll(e); return !!(w && w.active); }).length,
        idle: idle,
        wanted: live.filter(function (e) { return e.when && wanted(e); }).length,
        idleMillis: idleMillis,
        sessionMillis: sessionMillis,
        messages: counts.messages,
        refreshes: counts.refreshes,
        pollStarts: counts.pollStarts
      };
    },
    idleAfter: function (millis) {
      idleMillis = millis;
      lastTouch = Date.now();
    }
  };

  ["keydown", "mousedown", "mousemove", "wheel", "touchstart"].forEach(function (type) {
    document.addEventListener(type, touched, {capture: true, passive: true});
  });
  document.addEventListener("DOMContentLoaded", function () {
    // After PrimeFaces has created the page's widgets (its scripts run on the same event).
    window.setTimeout(function () {
      document.querySelectorAll(".sd-live").forEach(register);
    }, 0);
    window.setInterval(checkIdle, 500);
  });
})(window, document);
