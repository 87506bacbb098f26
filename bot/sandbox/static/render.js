// Safe rendering of Telegram messages: text + entities are turned into DOM nodes.
// Raw HTML is never injected: text goes through text nodes, tags come from entities only.
"use strict";

(function () {
  const TAGS = {
    bold: "strong",
    italic: "em",
    underline: "u",
    strikethrough: "s",
    code: "code",
    pre: "pre",
    blockquote: "blockquote",
    expandable_blockquote: "blockquote",
  };
  const SAFE_SCHEMES = ["http:", "https:", "mailto:"];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHref(url) {
    try {
      const parsed = new URL(url, "http://invalid.invalid/");
      return SAFE_SCHEMES.includes(parsed.protocol) ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function entityElement(entity, text) {
    if (entity.type === "text_link" || entity.type === "url") {
      const url = entity.type === "url" ? text.slice(entity.offset, entity.offset + entity.length)
        : entity.url;
      const href = safeHref(url);
      if (!href) return el("span", "link");
      const link = el("a");
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.title = href;
      return link;
    }
    if (entity.type === "spoiler") {
      const span = el("span", "spoiler");
      span.title = "Cliquer pour révéler";
      span.addEventListener("click", () => span.classList.add("revealed"));
      return span;
    }
    const tag = TAGS[entity.type];
    if (tag) {
      const node = el(tag, entity.type === "expandable_blockquote" ? "expandable" : "");
      if (entity.language) node.dataset.language = entity.language;
      return node;
    }
    return el("span", "entity-" + String(entity.type).replace(/[^a-z_]/g, ""));
  }

  // Offsets are UTF-16 code units, exactly like JavaScript string indices.
  function renderText(text, entities) {
    const root = document.createDocumentFragment();
    const sorted = (entities || [])
      .filter((e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0)
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    const stack = [{ node: root, end: text.length }];
    let pos = 0;
    const top = () => stack[stack.length - 1];
    const flush = (upto) => {
      if (upto > pos) {
        top().node.append(text.slice(pos, upto));
        pos = upto;
      }
    };
    for (const entity of sorted) {
      while (stack.length > 1 && top().end <= entity.offset) {
        flush(top().end);
        stack.pop();
      }
      flush(entity.offset);
      // Clipping to the parent keeps the tree well nested even for odd entity sets.
      const end = Math.min(entity.offset + entity.length, top().end);
      const node = entityElement(entity, text);
      top().node.append(node);
      stack.push({ node, end });
    }
    while (stack.length > 1) {
      flush(top().end);
      stack.pop();
    }
    flush(text.length);
    return root;
  }

  function sizeLabel(bytes) {
    if (!bytes) return "";
    return bytes < 1024 ? `${bytes} o` : `${Math.round(bytes / 1024)} Ko`;
  }

  function mediaBlock(message) {
    if (message.photo) return el("div", "media", "📷 Photo");
    if (message.voice) return el("div", "media", `🎤 Message vocal (${message.voice.duration} s)`);
    if (message.sticker) return el("div", "sticker", message.sticker.emoji || "🖼");
    if (message.location) {
      const { latitude, longitude } = message.location;
      return el("div", "media", `📍 Position ${latitude.toFixed(4)}, ${longitude.toFixed(4)}`);
    }
    if (message.document) {
      const doc = message.document;
      const block = el("div", "media");
      const label = `📄 ${doc.file_name || "document"} ${sizeLabel(doc.file_size)}`;
      if (message.from.is_bot) {
        const link = el("a", "", label);
        link.href = "/control/files/" + encodeURIComponent(doc.file_id);
        link.title = "Télécharger le fichier envoyé par le bot";
        block.append(link);
      } else {
        block.textContent = label;
      }
      return block;
    }
    return null;
  }

  function keyboard(message, ctx) {
    const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
    if (!rows.length) return null;
    const box = el("div", "inline-keyboard");
    for (const row of rows) {
      const line = el("div", "kb-row");
      for (const button of row) {
        let node;
        if (button.url && safeHref(button.url)) {
          node = el("a", "kb-button", button.text + " ↗");
          node.href = safeHref(button.url);
          node.target = "_blank";
          node.rel = "noopener noreferrer";
        } else {
          node = el("button", "kb-button", button.text);
          node.type = "button";
          node.dataset.testid = "inline-button";
          if (button.callback_data === undefined) {
            node.disabled = true;
            node.title = "Type de bouton non simulé";
          } else {
            node.title = "callback_data : " + button.callback_data;
            if (ctx.isPending(message, button.callback_data)) node.classList.add("pending");
            node.addEventListener("click", () => ctx.onPress(message, button));
          }
        }
        line.append(node);
      }
      box.append(line);
    }
    return box;
  }

  function timeLabel(seconds) {
    return new Date(seconds * 1000).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
  }

  function preview(message) {
    const text = message.text || message.caption || (mediaBlock(message) || {}).textContent || "";
    return text.length > 80 ? text.slice(0, 80) + "…" : text;
  }

  function renderMessage(message, ctx) {
    const fromBot = message.from.is_bot;
    const bubble = el("article", "message " + (fromBot ? "from-bot" : "from-user"));
    bubble.dataset.messageId = message.message_id;
    // Stable hooks for the browser tests, independent of layout classes.
    bubble.dataset.testid = fromBot ? "bot-message" : "user-message";
    const author = fromBot ? message.from.first_name
      : [message.from.first_name, message.from.last_name].filter(Boolean).join(" ");
    bubble.append(el("div", "author", author));
    if (message.reply_to_message) {
      const quote = el("div", "reply-quote");
      quote.append(el("strong", "", message.reply_to_message.from.first_name + " "));
      quote.append(preview(message.reply_to_message));
      bubble.append(quote);
    }
    const media = mediaBlock(message);
    if (media) bubble.append(media);
    const body = message.text !== undefined ? message.text : message.caption;
    if (body) {
      const text = el("div", "text");
      text.dataset.testid = "message-text";
      text.append(renderText(body, message.text !== undefined ? message.entities
        : message.caption_entities));
      bubble.append(text);
    }
    const kb = keyboard(message, ctx);
    if (kb) bubble.append(kb);
    const meta = el("div", "meta");
    meta.append(el("span", "", `#${message.message_id} · ${timeLabel(message.date)}`));
    if (message.edit_date) meta.append(el("span", "edited", "modifié"));
    const reply = el("button", "link", "Répondre");
    reply.type = "button";
    reply.addEventListener("click", () => ctx.onReply(message));
    meta.append(reply);
    if (!fromBot && message.text !== undefined) {
      const edit = el("button", "link", "Modifier");
      edit.type = "button";
      edit.addEventListener("click", () => ctx.onEdit(message));
      meta.append(edit);
    }
    bubble.append(meta);
    return bubble;
  }

  window.SandboxRender = { el, renderText, renderMessage, preview };
})();
