;;; emacs.el --- checks a README recipe loaded as init.el  -*- lexical-binding: t -*-
;; Run as `emacs --batch -l init.el -l emacs.el' in a workspace.  Opens a
;; record the way a user would (`find-file' on a relative name), then looks
;; only at what the recipe set up: the major mode, the Eglot server and its
;; root, the diagnostics Flymake holds, and the hover text ElDoc gets from
;; Eglot.  Writes what it saw to $ASSOC_OUT as JSON and exits, whatever happens.
(require 'json)
(require 'cl-lib)

(defvar assoc-check-out nil "What the check saw, an alist.")

(defun assoc-check-put (key value)
  (setq assoc-check-out (cons (cons key value) (assq-delete-all key assoc-check-out))))

(defun assoc-check-wait (seconds pred)
  "Process events until PRED returns non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun assoc-check-codes ()
  "The texts of the Flymake diagnostics in the current buffer."
  (sort (mapcar #'flymake-diagnostic-text (flymake-diagnostics)) #'string<))

(defun assoc-check ()
  (let ((buf (find-file (getenv "ASSOC_FILE"))))
    (assoc-check-put 'version emacs-version)
    (assoc-check-put 'buffer (buffer-file-name buf))
    (assoc-check-put 'mode (symbol-name major-mode))
    (when (fboundp 'treesit-parser-list)
      (assoc-check-put 'parsers (vconcat (mapcar (lambda (p) (symbol-name (treesit-parser-language p)))
                                                 (treesit-parser-list)))))
    ;; `eglot-ensure' connects after the command that opened the file ends;
    ;; batch Emacs has no command loop, so run that hook as it would.
    (run-hooks 'post-command-hook)
    (let ((server (assoc-check-wait 30 (lambda () (eglot-current-server)))))
      (unless server (error "No Eglot server for %s" (buffer-file-name buf)))
      (assoc-check-put 'server (format "%s" (jsonrpc-name server)))
      (assoc-check-put 'root (expand-file-name (project-root (eglot--project server))))
      (assoc-check-put 'command (format "%S" (process-command (jsonrpc--process server))))
      ;; The cross-file diagnostic, as Flymake lists it in this buffer.
      (assoc-check-wait
       60 (lambda () (cl-some (lambda (d) (string-match-p "dpor-one-per-subscription" d))
                              (assoc-check-codes))))
      (assoc-check-put 'diagnostics (vconcat (assoc-check-codes)))
      ;; Hover on DPOR: what Eglot hands to ElDoc at point.
      (goto-char (point-min))
      (search-forward "type: DPOR")
      (backward-char 2)
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
        (assoc-check-wait 20 (lambda () hover))
        (assoc-check-put 'hover hover)))))

(let ((out (getenv "ASSOC_OUT")))
  (condition-case err
      (assoc-check)
    (error (assoc-check-put 'error (error-message-string err))))
  (with-current-buffer (get-buffer-create "*Messages*")
    (assoc-check-put 'messages (buffer-substring-no-properties
                                (max (point-min) (- (point-max) 4000)) (point-max))))
  (dolist (b (buffer-list))
    (when (string-match-p "EGLOT.*\\(events\\|stderr\\)" (buffer-name b))
      (with-current-buffer b
        (assoc-check-put (intern (buffer-name b))
                         (buffer-substring-no-properties
                          (max (point-min) (- (point-max) 4000)) (point-max))))))
  (with-temp-file out (insert (json-encode assoc-check-out)))
  (let ((server (ignore-errors (eglot-current-server))))
    (when server (ignore-errors (eglot-shutdown server))))
  (kill-emacs 0))
