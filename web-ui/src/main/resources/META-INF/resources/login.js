'use strict';
// Show the error message when the login form sent us back here after a failure (/login.html?error).
(function () {
  var params = new URLSearchParams(window.location.search);
  if (params.has('error')) {
    document.getElementById('login-error').hidden = false;
  }
})();
