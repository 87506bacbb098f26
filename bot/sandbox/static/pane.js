// One chat pane: messages, inline buttons, composer, callback answers and chat action.
"use strict";

(function () {
  const { el, renderMessage, preview } = window.SandboxRender;
  const ACTIONS = {
    typing: "est en train d’écrire…",
    upload_document: "envoie un document…",
    upload_photo: "envoie une photo…",
    record_voice: "enregistre un message vocal…",
    upload_voice: "envoie un message vocal…",
    find_location: "cherche une position…",
  };

  class Pane {
    constructor(root, role, app) {
      this.app = app;
      this.root = root;
      this.role = role;
      root.append(document.getElementById("pane-body").content.cloneNode(true));
      root.querySelector("textarea").placeholder = root.dataset.placeholder || "";
      this.list = root.querySelector(".messages");
      this.noticeBox = root.querySelector(".notice");
      this.typing = root.querySelector(".typing");
      this.replyKeyboard = root.querySelector(".reply-keyboard");
      this.form = root.querySelector(".composer");
      this.textarea = root.querySelector("textarea");
      this.kind = root.querySelector(".kind");
      this.replying = root.querySelector(".replying");
      this.replyTo = null;
      this.pending = new Set();
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.send();
      });
      this.textarea.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey) {
          event.preventDefault();
          this.send();
        }
      });
      this.replying.querySelector("button").addEventListener("click", () => this.setReply(null));
    }

    chatId() {
      if (this.role === "private") return this.app.prefs.officialId;
      // The advisor's private chat with the bot: a private chat's id is the user's id.
      return this.role === "advisor" ? this.app.prefs.advisorId : this.app.prefs.groupId;
    }

    userId() { return this.role === "private" ? this.app.prefs.officialId : this.app.prefs.advisorId; }

    notice(text, kind) {
      this.noticeBox.textContent = text;
      this.noticeBox.className = "notice " + (kind || "info");
      this.noticeBox.hidden = false;
      clearTimeout(this.noticeTimer);
      this.noticeTimer = setTimeout(() => { this.noticeBox.hidden = true; }, kind === "alert" ? 12000 : 6000);
    }

    setReply(message) {
      this.replyTo = message;
      this.replying.hidden = !message;
      if (message) {
        this.replying.querySelector("span").textContent = `En réponse à #${message.message_id} : ${preview(message)}`;
        this.textarea.focus();
      }
    }

    async send(forcedText) {
      const text = forcedText !== undefined ? forcedText : this.textarea.value;
      const kind = forcedText !== undefined ? "text" : this.kind.value;
      if (kind === "text" && !text.trim()) return;
      if (!this.chatId() || !this.userId()) return this.notice("Choisissez d’abord qui écrit.", "error");
      const body = { kind, user_id: this.userId() };
      if (text.trim()) body.text = text;
      if (kind === "document") body.file_name = "piece-jointe.pdf";
      if (this.replyTo) body.reply_to_message_id = this.replyTo.message_id;
      try {
        await this.app.api("POST", `/chats/${this.chatId()}/messages`, body);
        if (forcedText === undefined) {
          this.textarea.value = "";
          this.kind.value = "text";
        }
        this.setReply(null);
      } catch (error) {
        this.notice(error.message, "error");
      }
    }

    async press(message, button) {
      try {
        await this.app.api("POST", `/chats/${this.chatId()}/messages/${message.message_id}/press`,
          { data: button.callback_data, user_id: this.userId() });
      } catch (error) {
        this.notice(error.message, "error");
      }
    }

    async edit(message) {
      const text = window.prompt("Nouveau texte du message :", message.text);
      if (text === null || text === message.text) return;
      try {
        await this.app.api("POST", `/chats/${this.chatId()}/messages/${message.message_id}/edit`, { text });
      } catch (error) {
        this.notice(error.message, "error");
      }
    }

    render(transcript) {
      const nearBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 80;
      this.list.replaceChildren();
      if (!transcript) {
        this.list.append(el("p", "empty", "Aucune conversation : choisissez un utilisateur."));
        return;
      }
      const now = Date.now() / 1000;
      this.pending = new Set(transcript.callback_answers
        .filter((a) => !a.answered && now - a.date < 15)
        .map((a) => `${a.message_id}|${a.data}`));
      const ctx = {
        isPending: (message, data) => this.pending.has(`${message.message_id}|${data}`),
        onPress: (message, button) => this.press(message, button),
        onReply: (message) => this.setReply(message),
        onEdit: (message) => this.edit(message),
      };
      if (!transcript.messages.length) this.list.append(el("p", "empty", "Pas encore de message."));
      for (const message of transcript.messages) this.list.append(renderMessage(message, ctx));
      if (nearBottom || this.app.store.firstLoad) this.list.scrollTop = this.list.scrollHeight;
      this.renderAnswers(transcript.callback_answers);
      this.renderExtras(transcript);
    }

    renderAnswers(answers) {
      for (const answer of answers) {
        if (!answer.answered || this.app.store.seenAnswers.has(answer.callback_query_id)) continue;
        this.app.store.seenAnswers.add(answer.callback_query_id);
        if (this.app.store.firstLoad) continue;
        const shown = answer.text ? `« ${answer.text} »` : "(réponse sans texte)";
        this.notice(`Réponse au bouton : ${shown}`, answer.show_alert ? "alert" : "info");
      }
    }

    renderExtras(transcript) {
      const action = transcript.action;
      this.typing.hidden = !action;
      if (action) {
        this.typing.textContent = `${this.app.store.state.bot.first_name} ${ACTIONS[action] || action + "…"}`;
        clearTimeout(this.typingTimer);
        // No event marks the end of an action: refresh once it has expired.
        this.typingTimer = setTimeout(() => this.app.refresh(), 5500);
      }
      const rows = (transcript.reply_keyboard && transcript.reply_keyboard.keyboard) || [];
      this.replyKeyboard.replaceChildren();
      this.replyKeyboard.hidden = !rows.length;
      for (const row of rows) {
        const line = el("div", "kb-row");
        for (const button of row) {
          const label = typeof button === "string" ? button : button.text;
          const node = el("button", "kb-button", label);
          node.type = "button";
          node.addEventListener("click", () => this.send(label));
          line.append(node);
        }
        this.replyKeyboard.append(line);
      }
    }
  }

  // `app` shares api(), prefs, store and refresh() with app.js.
  window.SandboxPane = { create: (root, role, app) => new Pane(root, role, app) };
})();
