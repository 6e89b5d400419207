-- ICQ protocol version 2 (1998) for Wireshark and tshark: wireshark -X lua_script:icq2.lua
-- Written by `npm run export` from the tables in src/protocol (icq2-dissect); do not edit by hand.
-- Generated data first, then the interpreter from scripts/export/icq2-interpreter.lua.

local TABLES = {
  server_port = 4000,
  channel_init_code = 255,
  charset = {
    label = "windows-1252",
    high_bytes = { [0x0080] = "\194\128", [0x0081] = "\194\129", [0x0082] = "\194\130", [0x0083] = "\194\131", [0x0084] = "\194\132", [0x0085] = "\194\133", [0x0086] = "\194\134", [0x0087] = "\194\135", [0x0088] = "\194\136", [0x0089] = "\194\137", [0x008a] = "\194\138", [0x008b] = "\194\139", [0x008c] = "\194\140", [0x008d] = "\194\141", [0x008e] = "\194\142", [0x008f] = "\194\143", [0x0090] = "\194\144", [0x0091] = "\194\145", [0x0092] = "\194\146", [0x0093] = "\194\147", [0x0094] = "\194\148", [0x0095] = "\194\149", [0x0096] = "\194\150", [0x0097] = "\194\151", [0x0098] = "\194\152", [0x0099] = "\194\153", [0x009a] = "\194\154", [0x009b] = "\194\155", [0x009c] = "\194\156", [0x009d] = "\194\157", [0x009e] = "\194\158", [0x009f] = "\194\159", [0x00a0] = "\194\160", [0x00a1] = "\194\161", [0x00a2] = "\194\162", [0x00a3] = "\194\163", [0x00a4] = "\194\164", [0x00a5] = "\194\165", [0x00a6] = "\194\166", [0x00a7] = "\194\167", [0x00a8] = "\194\168", [0x00a9] = "\194\169", [0x00aa] = "\194\170", [0x00ab] = "\194\171", [0x00ac] = "\194\172", [0x00ad] = "\194\173", [0x00ae] = "\194\174", [0x00af] = "\194\175", [0x00b0] = "\194\176", [0x00b1] = "\194\177", [0x00b2] = "\194\178", [0x00b3] = "\194\179", [0x00b4] = "\194\180", [0x00b5] = "\194\181", [0x00b6] = "\194\182", [0x00b7] = "\194\183", [0x00b8] = "\194\184", [0x00b9] = "\194\185", [0x00ba] = "\194\186", [0x00bb] = "\194\187", [0x00bc] = "\194\188", [0x00bd] = "\194\189", [0x00be] = "\194\190", [0x00bf] = "\194\191", [0x00c0] = "\195\128", [0x00c1] = "\195\129", [0x00c2] = "\195\130", [0x00c3] = "\195\131", [0x00c4] = "\195\132", [0x00c5] = "\195\133", [0x00c6] = "\195\134", [0x00c7] = "\195\135", [0x00c8] = "\195\136", [0x00c9] = "\195\137", [0x00ca] = "\195\138", [0x00cb] = "\195\139", [0x00cc] = "\195\140", [0x00cd] = "\195\141", [0x00ce] = "\195\142", [0x00cf] = "\195\143", [0x00d0] = "\195\144", [0x00d1] = "\195\145", [0x00d2] = "\195\146", [0x00d3] = "\195\147", [0x00d4] = "\195\148", [0x00d5] = "\195\149", [0x00d6] = "\195\150", [0x00d7] = "\195\151", [0x00d8] = "\195\152", [0x00d9] = "\195\153", [0x00da] = "\195\154", [0x00db] = "\195\155", [0x00dc] = "\195\156", [0x00dd] = "\195\157", [0x00de] = "\195\158", [0x00df] = "\195\159", [0x00e0] = "\195\160", [0x00e1] = "\195\161", [0x00e2] = "\195\162", [0x00e3] = "\195\163", [0x00e4] = "\195\164", [0x00e5] = "\195\165", [0x00e6] = "\195\166", [0x00e7] = "\195\167", [0x00e8] = "\195\168", [0x00e9] = "\195\169", [0x00ea] = "\195\170", [0x00eb] = "\195\171", [0x00ec] = "\195\172", [0x00ed] = "\195\173", [0x00ee] = "\195\174", [0x00ef] = "\195\175", [0x00f0] = "\195\176", [0x00f1] = "\195\177", [0x00f2] = "\195\178", [0x00f3] = "\195\179", [0x00f4] = "\195\180", [0x00f5] = "\195\181", [0x00f6] = "\195\182", [0x00f7] = "\195\183", [0x00f8] = "\195\184", [0x00f9] = "\195\185", [0x00fa] = "\195\186", [0x00fb] = "\195\187", [0x00fc] = "\195\188", [0x00fd] = "\195\189", [0x00fe] = "\195\190", [0x00ff] = "\195\191" },
  },
  headers = {
    client = {
      { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
      { name = "COMMAND", kind = "u16", class = "uint", description = "Code for service the server should provide", meaning = "command" },
      { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)" },
      { name = "UIN", kind = "u32", class = "uint", description = "The sender's UIN" },
    },
    client_no_uin = {
      { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
      { name = "COMMAND", kind = "u16", class = "uint", description = "Code for service the server should provide", meaning = "command" },
      { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)" },
    },
    server = {
      { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
      { name = "COMMAND", kind = "u16", class = "uint", description = "Code of what the server sends: a reply, or news of a user on the contact list", meaning = "command" },
      { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)" },
    },
    peer = {
      { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
      { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
      { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)" },
      { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", meaning = "command" },
    },
  },
  generic = {
    unknown_body = { name = "UNKNOWN", kind = "rest", class = "bytes", description = "Body of a command nobody describes", unknown = true, optional = true },
    not_v2 = { name = "PAYLOAD", kind = "rest", class = "bytes", description = "Not decoded: not protocol version 2", unknown = true, optional = true },
    too_short = { name = "PAYLOAD", kind = "rest", class = "bytes", description = "Too short for an ICQ header", unknown = true, optional = true },
    trailing = { name = "TRAILING", kind = "rest", class = "bytes", description = "Bytes after the last field of the layout", unknown = true },
  },
  commands = {
    ["client-to-server"] = {
      [0x000a] = {
        name = "ACK",
        description = "Acknowledgement (SEQ_NUM is the server packet's number)",
        summary = "ack seq {SEQ_NUM}",
        layouts = {
          { name = "document", source = "protocol document v0.91", fields = {} },
        },
      },
      [0x010e] = {
        name = "SEND_MESSAGE",
        description = "Send message through server (to offline user)",
        summary = "to {RECEIVER_UIN} ({MESSAGE_TYPE})[: {MESSAGE}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "RECEIVER_UIN", kind = "u32", class = "uint", description = "UIN of the user the message is sent to" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Type of message being sent", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message, ended by a NULL (00)",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
            },
          },
        },
      },
      [0x03e8] = {
        name = "LOGIN",
        description = "Login on server",
        summary = "uin {UIN} port {PORT} status {STATUS}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The TCP port to use for incoming connections",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              {
                name = "PASSWORD",
                kind = "lstring",
                class = "string",
                description = "The user's password + NULL (max 8 chars)",
                checks = {
                  { kind = "max-length", max = 8, note = "the document: \"max 8 chars\"", note_id = "too-long" },
                },
              },
              { name = "X1", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "78000000" },
              { name = "USER_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "STATUS", kind = "u32", class = "uint", description = "User's online status (normally 00 00 00 00)", meaning = "status" },
              { name = "X3", kind = "u32", class = "uint", description = "*Unknown (real clients send 3: the peer TCP version?)", unknown = true, expected = "02000000" },
              { name = "LOGIN_SEQ_NUM", kind = "u16", class = "uint", description = "Login sequence number" },
              { name = "X4", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "00000000" },
              { name = "X5", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "08007800" },
            },
          },
        },
      },
      [0x03fc] = {
        name = "NEW_USER_REG",
        description = "Register a new user (licq sends it with the 6-byte header, no UIN)",
        summary = "licq: register user[, {UNDESCRIBED}]",
        no_uin = true,
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0406] = {
        name = "CONTACT_LIST",
        description = "Inform the server of my contact list",
        summary = "{NUM_CONTACTS}[: {CONTACTS}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "NUM_CONTACTS", kind = "u16", class = "uint", description = "Number of contacts following", meaning = "contact-count" },
              {
                name = "CONTACTS",
                kind = "repeat",
                class = "none",
                count = "NUM_CONTACTS",
                description = "The contact list",
                fields = {
                  { name = "CONTACT_UIN", kind = "u32", class = "uint", description = "UIN of user on contact list (the document: UIN)" },
                },
              },
            },
          },
          {
            name = "one-byte NUM_CONTACTS",
            source = "mICQ 0.2.5 and licq 0.71 send a one-byte count",
            quirks = {
              { field = "CONTACTS", first_byte = 0, note = "the first UIN's first byte is 00: mICQ 0.2.5 is known to overwrite it with the high byte of a two-byte count, so this UIN is probably wrong" },
            },
            fields = {
              { name = "NUM_CONTACTS", kind = "u8", class = "uint", description = "Number of contacts following (one byte, as real clients send it)", meaning = "contact-count" },
              {
                name = "CONTACTS",
                kind = "repeat",
                class = "none",
                count = "NUM_CONTACTS",
                description = "The contact list",
                fields = {
                  { name = "CONTACT_UIN", kind = "u32", class = "uint", description = "UIN of user on contact list (the document: UIN)" },
                },
              },
            },
          },
        },
      },
      [0x041a] = {
        name = "SEARCH_UIN",
        description = "Search for user using his/her UIN",
        summary = "#{SEARCH_SEQ_NUM} uin {SEARCHED_UIN}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number" },
              { name = "SEARCHED_UIN", kind = "u32", class = "uint", description = "The UIN to search for" },
            },
          },
        },
      },
      [0x0424] = {
        name = "SEARCH_USER",
        description = "Search for user using his/her name or e-mail",
        summary = "#{SEARCH_SEQ_NUM}[ nick \"{NICK_NAME}\"][ first \"{FIRST_NAME}\"][ last \"{LAST_NAME}\"][ e-mail \"{E_MAIL}\"]",
        checks = {
          { kind = "not-all-empty", fields = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL" }, note = "every search field is empty; the document: \"may be empty, but not all at the same time\"", note_id = "all-empty" },
          {
            kind = "exclusive",
            groups = {
              { "E_MAIL" },
              { "NICK_NAME", "FIRST_NAME", "LAST_NAME" },
            },
            note = "searches by e-mail and by name at once; the document: \"you may only search either on E_MAIL ... or on name\"",
            note_id = "exclusive-fields",
          },
        },
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number" },
              { name = "NICK_NAME", kind = "lstring", class = "string", description = "Nick name to search for, NULL terminated" },
              { name = "FIRST_NAME", kind = "lstring", class = "string", description = "First name to search for, NULL terminated" },
              { name = "LAST_NAME", kind = "lstring", class = "string", description = "Last name to search for, NULL terminated (the document says \"Nick name\": a slip)" },
              { name = "E_MAIL", kind = "lstring", class = "string", description = "E-mail to search for, NULL terminated" },
            },
          },
        },
      },
      [0x042e] = {
        name = "KEEP_ALIVE",
        description = "Sent to indicate connection is still up (every 120 s)",
        summary = "connection still up",
        layouts = {
          { name = "document", source = "protocol document v0.91", fields = {} },
        },
      },
      [0x0438] = {
        name = "SEND_TEXT_CODE",
        description = "Send special message to server as text",
        summary = "{TEXT_CODE}, X1 {X1}",
        checks = {
          {
            kind = "implies",
            ["if"] = { field = "TEXT_CODE", values = { "B_USER_DISCONNECTED", "B_MESSAGE_ACK" } },
            ["then"] = { field = "X1", values = { 5 } },
            note = "the document: \"in which case the X1 field should contain 05 00\"",
            note_id = "implied-value",
          },
        },
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "TEXT_CODE", kind = "lstring", class = "string", description = "Message to send to server, NULL terminated (B_USER_DISCONNECTED, B_MESSAGE_ACK)", meaning = "text-code" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown (code, usually 04 00 or 05 00)", unknown = true },
            },
          },
        },
      },
      [0x0442] = {
        name = "CMD_X1",
        description = "*Unknown (licq: system messages done, ack)",
        summary = "licq: system messages done, ack[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x044c] = {
        name = "LOGIN_1",
        description = "Sent during login (licq: asks for offline messages)",
        summary = "during login (licq: system messages request)",
        layouts = {
          { name = "document", source = "protocol document v0.91", fields = {} },
        },
      },
      [0x0456] = {
        name = "REQ_ADD_TO_LIST",
        description = "Request authorization to add to contact list; also listed as MSG_TO_NEW_USER: send a message to a user not on my contact list",
        summary = "licq: authorize[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0460] = {
        name = "INFO_REQ",
        description = "Request basic information about a user",
        summary = "#{INFO_SEQ_NUM} uin {QUERY_UIN}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequential number" },
              { name = "QUERY_UIN", kind = "u32", class = "uint", description = "UIN of user to request information about" },
            },
          },
        },
      },
      [0x046a] = {
        name = "EXT_INFO_REQ",
        description = "Request extended information about a user",
        summary = "#{INFO_SEQ_NUM} uin {QUERY_UIN}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequential number" },
              { name = "QUERY_UIN", kind = "u32", class = "uint", description = "UIN of user to request information about" },
            },
          },
        },
      },
      [0x049c] = {
        name = "CHANGE_PASSWORD",
        description = "Change the user's password",
        summary = "#{PASSWORD_SEQ_NUM}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "PASSWORD_SEQ_NUM", kind = "u16", class = "uint", description = "Password changing sequential number" },
              {
                name = "NEW_PASSWORD",
                kind = "lstring",
                class = "string",
                description = "The new password, NULL terminated (max 8 chars)",
                checks = {
                  { kind = "max-length", max = 8, note = "the document: \"max 8 chars\"", note_id = "too-long" },
                },
              },
            },
          },
        },
      },
      [0x04a6] = {
        name = "NEW_USER_INFO",
        description = "Send basic information about a new user",
        summary = "licq: update basic info[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x04b0] = {
        name = "UPDATE_EXT_INFO",
        description = "Update my extended information",
        summary = "Update my extended information[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x04ba] = {
        name = "QUERY_SERVERS",
        description = "Query the server about address to other servers",
        summary = "Query the server about address to other servers[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x04c4] = {
        name = "QUERY_ADDONS",
        description = "Query the server about globally defined add-ons",
        summary = "Query the server about globally defined add-ons[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x04d8] = {
        name = "STATUS_CHANGE",
        description = "User has changed online status (Away etc)",
        summary = "status {STATUS}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "STATUS", kind = "u32", class = "uint", description = "User's online status (Away etc)", meaning = "status" },
            },
          },
        },
      },
      [0x04ec] = {
        name = "NEW_USER_1",
        description = "Ask for permission to add a new user",
        summary = "Ask for permission to add a new user[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x050a] = {
        name = "UPDATE_INFO",
        description = "Update my basic information",
        summary = "Update my basic information[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0514] = {
        name = "UPDATE_AUTHORIZATION",
        description = "Update authorization",
        summary = "Update authorization[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x051e] = {
        name = "PING_2",
        description = "Ping 2, sent right after KEEP_ALIVE",
        summary = "Ping 2, sent right after KEEP_ALIVE[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0528] = {
        name = "LOGIN_2",
        description = "Sent during login",
        summary = "during login, X1 {X1}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "X1", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "00" },
            },
          },
        },
      },
      [0x053c] = {
        name = "ADD_TO_LIST",
        description = "Add user to my contact list",
        summary = "Add user to my contact list[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x06a4] = {
        name = "INVISIBLE_LIST",
        description = "Invisible list",
        summary = "Invisible list[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x06ae] = {
        name = "VISIBLE_LIST",
        description = "Visible list",
        summary = "Visible list[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
    },
    ["server-to-client"] = {
      [0x000a] = {
        name = "ACK",
        description = "Acknowledgement (SEQ_NUM is the client packet's number)",
        summary = "ack seq {SEQ_NUM}",
        layouts = {
          { name = "document", source = "protocol document v0.91", fields = {} },
        },
      },
      [0x0028] = {
        name = "SET_OFFLINE",
        description = "Set offline",
        summary = "Set offline[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0046] = {
        name = "NEW_USER_UIN",
        description = "Confirmation of creation of new user and newly assigned UIN",
        summary = "Confirmation of creation of new user and newly assigned UIN[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x005a] = {
        name = "LOGIN_REPLY",
        description = "Login reply",
        summary = "uin {USER_UIN} ip {USER_IP} login #{LOGIN_SEQ_NUM}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "USER_UIN", kind = "u32", class = "uint", description = "The user's UIN" },
              { name = "USER_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              { name = "LOGIN_SEQ_NUM", kind = "u16", class = "uint", description = "Login sequence number (as in the LOGIN)" },
              { name = "X1", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "01000100" },
              { name = "X2", kind = "u32", class = "uint", description = "*Unknown (xx 00 16 00, xx = 19 or 18)", unknown = true, expected = "19001600", also_expected = { "18001600" }, document_says = "xx 00 16 00 (xx = 19 or 18)" },
              { name = "X3", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "8c000000" },
              { name = "X4", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "78000500" },
              { name = "X5", kind = "bytes", class = "bytes", length = 6, description = "*Unknown", unknown = true, expected = "0a0005000100" },
            },
          },
        },
      },
      [0x0064] = {
        name = "WRONG_PASSWORD",
        description = "Wrong password",
        summary = "Wrong password[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x006e] = {
        name = "USER_ONLINE",
        description = "User on contact list is online/has changed online status",
        summary = "{REMOTE_UIN} {STATUS} at {REMOTE_IP}:{REMOTE_PORT}",
        checks = {
          { kind = "differ", fields = { "REMOTE_IP", "REMOTE_REAL_IP" }, note = "the remote user is behind a firewall; the document: \"These two will be identical unless the remote user is behind a firewall\"", note_id = "fields-differ" },
        },
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "The UIN of the user who has logged in" },
              { name = "REMOTE_IP", kind = "ipv4", class = "ipv4", description = "The IP address of the user (\"outer\")" },
              {
                name = "REMOTE_PORT",
                kind = "u32",
                class = "uint",
                description = "The TCP port of the user",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "REMOTE_REAL_IP", kind = "ipv4", class = "ipv4", description = "The actual IP address of the user (\"inner\")" },
              { name = "X1", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "STATUS", kind = "u32", class = "uint", description = "New status of the user", meaning = "status" },
              { name = "X2", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "02000000" },
            },
          },
        },
      },
      [0x0078] = {
        name = "USER_OFFLINE",
        description = "User on contact list has gone offline",
        summary = "{REMOTE_UIN} went offline",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "The UIN of the user who has logged out" },
            },
          },
        },
      },
      [0x0082] = {
        name = "QUERY_REPLY",
        description = "Response to QUERY_SERVERS or QUERY_ADDONS",
        summary = "Response to QUERY_SERVERS or QUERY_ADDONS[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x008c] = {
        name = "USER_FOUND",
        description = "User record found matching search criteria",
        summary = "#{SEARCH_SEQ_NUM} {FOUND_UIN}[ {NICK_NAME}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number" },
              { name = "FOUND_UIN", kind = "u32", class = "uint", description = "Found user's UIN" },
              { name = "NICK_NAME", kind = "lstring", class = "string", description = "The user's nick name, NULL terminated" },
              { name = "FIRST_NAME", kind = "lstring", class = "string", description = "The user's first name, NULL terminated" },
              { name = "LAST_NAME", kind = "lstring", class = "string", description = "The user's last name, NULL terminated" },
              { name = "E_MAIL", kind = "lstring", class = "string", description = "The user's e-mail, NULL terminated" },
              { name = "AUTHORIZE", kind = "u8", class = "uint", description = "User's authorization status", meaning = "authorize" },
            },
          },
        },
      },
      [0x00a0] = {
        name = "END_OF_SEARCH",
        description = "No more USER_FOUND will be sent",
        summary = "#{SEARCH_SEQ_NUM} {MORE_FOUND}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number" },
              { name = "MORE_FOUND", kind = "u8", class = "uint", description = "More users found but not displayed (the server stops at 40)", meaning = "more-found" },
            },
          },
        },
      },
      [0x00b4] = {
        name = "NEW_USER_REPLY",
        description = "Confirmation of new user basic information",
        summary = "Confirmation of new user basic information[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00be] = {
        name = "BASIC_INFO_UPDATE_FAILED",
        description = "Basic information update failed",
        summary = "Basic information update failed[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00c8] = {
        name = "UPDATE_EXT_REPLY",
        description = "Confirmation of extended information update",
        summary = "Confirmation of extended information update[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00d2] = {
        name = "DETAILS_UPDATE_FAILED",
        description = "Details update failed",
        summary = "Details update failed[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00dc] = {
        name = "RECEIVE_MESSAGE",
        description = "Message sent while offline/through server",
        summary = "from {REMOTE_UIN} ({MESSAGE_TYPE}, {DATE})[: {MESSAGE}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "The sending user's UIN" },
              {
                name = "DATE",
                kind = "group",
                class = "none",
                description = "When the message was sent: YEAR ... MINUTE read as GMT, as the document first says (it also says HOUR is local time - 1)",
                meaning = "date",
                fields = {
                  { name = "YEAR", kind = "u16", class = "uint", description = "The year the message was sent" },
                  { name = "MONTH", kind = "u8", class = "uint", description = "The month the message was sent" },
                  { name = "DAY", kind = "u8", class = "uint", description = "The day of the month the message was sent" },
                  { name = "HOUR", kind = "u8", class = "uint", description = "The hour the message was sent (the document: \"in GMT\", and also \"local time - 1\")" },
                  { name = "MINUTE", kind = "u8", class = "uint", description = "The minute the message was sent" },
                },
              },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "The type of message (message, URL, etc) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
            },
          },
        },
      },
      [0x00e6] = {
        name = "REPLY_X2",
        description = "*Unknown (confirm my UIN?; licq: system messages done)",
        summary = "licq: system messages done[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00f0] = {
        name = "GO_AWAY",
        description = "Go away (error)",
        summary = "Go away (error)[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x00fa] = {
        name = "BUSY",
        description = "Server busy",
        summary = "Server busy[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0104] = {
        name = "ONLINE_SYSTEM_MESSAGE",
        description = "Online system message",
        summary = "Online system message[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0118] = {
        name = "INFO_REPLY",
        description = "Return basic information about a user",
        summary = "#{INFO_SEQ_NUM} {REMOTE_UIN}[ {NICK_NAME}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequence number" },
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "The remote user's UIN" },
              { name = "NICK_NAME", kind = "lstring", class = "string", description = "The user's nick name, NULL terminated" },
              { name = "FIRST_NAME", kind = "lstring", class = "string", description = "The user's first name, NULL terminated" },
              { name = "LAST_NAME", kind = "lstring", class = "string", description = "The user's last name, NULL terminated" },
              { name = "E_MAIL", kind = "lstring", class = "string", description = "The user's e-mail, NULL terminated" },
              { name = "AUTHORIZE", kind = "u8", class = "uint", description = "User's authorization status", meaning = "authorize" },
            },
          },
        },
      },
      [0x0122] = {
        name = "EXT_INFO_REPLY",
        description = "Return extended information about a user",
        summary = "#{INFO_SEQ_NUM} {REMOTE_UIN}[ {CITY},] {COUNTRY_CODE}, age {AGE}, {SEX}",
        checks = {
          {
            kind = "implies",
            ["if"] = { field = "COUNTRY_CODE", values = { 65535 } },
            ["then"] = { field = "COUNTRY_STATUS", values = { 156 } },
            note = "the document: \"if the remote user has not entered a country ... COUNTRY_CODE will be FF FF, and COUNTRY_STATUS will be 9C\"",
            note_id = "implied-value",
          },
          {
            kind = "implies",
            ["if"] = { field = "COUNTRY_STATUS", values = { 156 } },
            ["then"] = { field = "COUNTRY_CODE", values = { 65535 } },
            note = "the document: \"if the remote user has not entered a country ... COUNTRY_CODE will be FF FF, and COUNTRY_STATUS will be 9C\"",
            note_id = "implied-value",
          },
        },
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequence number" },
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "The remote user's UIN" },
              { name = "CITY", kind = "lstring", class = "string", description = "The remote user's city" },
              { name = "COUNTRY_CODE", kind = "u16", class = "uint", description = "The remote user's country code (international telephone prefix)", meaning = "country" },
              { name = "COUNTRY_STATUS", kind = "u8", class = "uint", description = "Indicates if COUNTRY_CODE is entered or not (FE entered, 9C not)", meaning = "country-status" },
              { name = "STATE", kind = "lstring", class = "string", description = "The remote user's state (USA only)" },
              { name = "AGE", kind = "u16", class = "uint", description = "The remote user's age (FF FF: not entered)", meaning = "age" },
              { name = "SEX", kind = "u8", class = "uint", description = "The remote user's sex (0 not specified, 1 female, 2 male)", meaning = "sex" },
              { name = "PHONE", kind = "lstring", class = "string", description = "The remote user's phone number (the document's description says city: a slip)" },
              { name = "HOME_PAGE", kind = "lstring", class = "string", description = "The remote user's home page (the document's description says city: a slip)" },
              { name = "ABOUT", kind = "lstring", class = "string", description = "Free-form personal presentation (the document's description says city: a slip)" },
            },
          },
        },
      },
      [0x012c] = {
        name = "INVALID_UIN",
        description = "Invalid UIN",
        summary = "Invalid UIN[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x01a4] = {
        name = "STATUS_UPDATE",
        description = "User on contact list has changed online status (Away etc)",
        summary = "{REMOTE_UIN} {STATUS}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "REMOTE_UIN", kind = "u32", class = "uint", description = "UIN of the user whose status has changed" },
              { name = "STATUS", kind = "u32", class = "uint", description = "The new online status of the user", meaning = "status" },
            },
          },
        },
      },
      [0x01c2] = {
        name = "SYSTEM_MESSAGE",
        description = "System message with URL'ed button",
        summary = "System message with URL'ed button[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x01e0] = {
        name = "UPDATE_REPLY",
        description = "Confirmation of basic information update",
        summary = "Confirmation of basic information update[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
      [0x01f4] = {
        name = "AUTHORIZATION_UPDATE_FAILED",
        description = "Authorization update failed",
        summary = "Authorization update failed[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x01fe] = {
        name = "AUTHORIZATION_UPDATE_DONE",
        description = "Authorization update done",
        summary = "Authorization update done[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x0212] = {
        name = "MULTI_PACKET",
        description = "Several packets in one",
        summary = "Several packets in one[, {UNDESCRIBED}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "licq",
            source = "licq 0.71 sends this code; nobody describes its body",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body of a code licq 0.71 sends (not in the document); nobody describes it", unknown = true, optional = true },
            },
          },
        },
      },
      [0x021c] = {
        name = "REPLY_X1",
        description = "*Unknown (returned during login; licq: user list done)",
        summary = "licq: user list done[, {UNDESCRIBED}]",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "UNDESCRIBED", kind = "rest", class = "bytes", description = "Body the document names but does not describe", unknown = true, optional = true },
            },
          },
        },
      },
    },
    ["peer-to-peer"] = {
      [0x00ff] = {
        name = "CHANNEL_INIT",
        description = "Initiate inter-user communication using TCP",
        summary = "from {MY_UIN} at {MY_IP}:{MY_PORT}",
        layouts = {
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)", expected = "1a00" },
              { name = "INIT_IDENT", kind = "u8", class = "uint", description = "Identifies this packet as an initiation", expected = "ff" },
              { name = "X1", kind = "u32", class = "uint", description = "*Unknown (the peer TCP version: licq sends 3)", unknown = true, expected = "02000000" },
              { name = "X2", kind = "u32", class = "uint", description = "*Unknown (licq puts its listening port here)", unknown = true, expected = "00000000" },
              { name = "MY_UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "X3", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              {
                name = "MY_PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
            },
          },
        },
      },
      [0x07d0] = {
        name = "CHANNEL_CANCEL",
        description = "Cancel a chat or file request (licq)",
        summary = "from {UIN} ({MESSAGE_TYPE}, {CMD_TYPE}, X4 {X4})[: {MESSAGE}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "chat request",
            source = "licq 0.71: chat requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 2 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "d007", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "CHAT_USERS", kind = "lstring", class = "string", description = "Chat request: users already in the chat (licq)" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port, bytes swapped (licq)" },
              { name = "CHAT_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "file request",
            source = "licq 0.71: file requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 3 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "d007", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "File request: the file port, bytes swapped (licq)" },
              { name = "FILE_NAME", kind = "lstring", class = "string", description = "File request: the file name (licq)" },
              { name = "FILE_SIZE", kind = "u32", class = "uint", description = "File request: the file size in bytes (licq)" },
              { name = "FILE_PORT", kind = "u32", class = "uint", description = "File request: the file port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "d007", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
        },
      },
      [0x07da] = {
        name = "CHANNEL_ACK",
        description = "Acknowledgement of a peer message (licq; the document: CMD_TYPE 00 00 auto reply)",
        summary = "from {UIN} ({MESSAGE_TYPE}, {CMD_TYPE}, X4 {X4})[: {MESSAGE}]",
        named_by = "licq 0.71",
        layouts = {
          {
            name = "chat request",
            source = "licq 0.71: chat requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 2 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "da07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "CHAT_USERS", kind = "lstring", class = "string", description = "Chat request: users already in the chat (licq)" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port, bytes swapped (licq)" },
              { name = "CHAT_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "file request",
            source = "licq 0.71: file requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 3 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "da07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "File request: the file port, bytes swapped (licq)" },
              { name = "FILE_NAME", kind = "lstring", class = "string", description = "File request: the file name (licq)" },
              { name = "FILE_SIZE", kind = "u32", class = "uint", description = "File request: the file size in bytes (licq)" },
              { name = "FILE_PORT", kind = "u32", class = "uint", description = "File request: the file port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "da07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
        },
      },
      [0x07ee] = {
        name = "CHANNEL_MESSAGE",
        description = "Send message to online user",
        summary = "from {UIN} ({MESSAGE_TYPE}, {CMD_TYPE}, X4 {X4})[: {MESSAGE}]",
        layouts = {
          {
            name = "chat request",
            source = "licq 0.71: chat requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 2 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "ee07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "CHAT_USERS", kind = "lstring", class = "string", description = "Chat request: users already in the chat (licq)" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port, bytes swapped (licq)" },
              { name = "CHAT_PORT", kind = "u32", class = "uint", description = "Chat request: the chat port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "file request",
            source = "licq 0.71: file requests carry extra fields before X4",
            when = { field = "MESSAGE_TYPE", values = { 3 } },
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "ee07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              { name = "REVERSE_PORT", kind = "u32", class = "uint", description = "File request: the file port, bytes swapped (licq)" },
              { name = "FILE_NAME", kind = "lstring", class = "string", description = "File request: the file name (licq)" },
              { name = "FILE_SIZE", kind = "u32", class = "uint", description = "File request: the file size in bytes (licq)" },
              { name = "FILE_PORT", kind = "u32", class = "uint", description = "File request: the file port (licq)" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
          {
            name = "document",
            source = "protocol document v0.91",
            fields = {
              { name = "LENGTH", kind = "u16", class = "uint", description = "Length of this packet (not counting these two bytes)" },
              { name = "UIN", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "VERSION", kind = "u16", class = "uint", description = "Identifies this as an ICQ packet (licq sends 3)", expected = "0200" },
              { name = "MSG_COMMAND", kind = "u16", class = "uint", description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", expected = "ee07", meaning = "command" },
              { name = "X1", kind = "u16", class = "uint", description = "*Unknown", unknown = true, expected = "0000" },
              { name = "UIN_2", kind = "u32", class = "uint", description = "The local user's UIN" },
              { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Message type (1 message, 2 chat request, 3 file request, 4 URL) (the document: TYPE)", meaning = "message-type" },
              {
                name = "MESSAGE",
                kind = "lstring",
                class = "string",
                description = "The message to be sent, NULL terminated",
                parts = {
                  by = "MESSAGE_TYPE",
                  cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                  meanings = { AUTHORIZE = "authorize-digit" },
                },
              },
              { name = "MY_IP_REAL", kind = "ipv4", class = "ipv4", description = "The user's actual IP address" },
              { name = "MY_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
              {
                name = "PORT",
                kind = "u32",
                class = "uint",
                description = "The user's TCP port for incoming messages",
                checks = {
                  { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                  { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                },
                meaning = "port",
              },
              { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
              { name = "X3", kind = "u16", class = "uint", description = "*Unknown (licq: the status in an acknowledgement)", unknown = true, expected = "0000" },
              { name = "CMD_TYPE", kind = "u16", class = "uint", description = "Identifies message as new message (10 00) or auto reply (00 00)", meaning = "cmd-type" },
              {
                name = "X4",
                kind = "i32",
                class = "int",
                description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)",
                unknown = true,
                checks = {
                  { kind = "range", min = -256, max = -1, note = "outside the documented range -256 ... -1; the document: \"It is always between 00 FF FF FF and FF FF FF FF\"", note_id = "out-of-range" },
                },
                meaning = "x4",
              },
              { name = "TRAILER", kind = "rest", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)", unknown = true, meaning = "trailer", optional = true },
            },
          },
        },
      },
    },
  },
  text_readings = {
    ["text-code"] = {
      { text = "B_USER_DISCONNECTED", reading = "B_USER_DISCONNECTED (the user has disconnected)" },
      { text = "B_MESSAGE_ACK", reading = "B_MESSAGE_ACK (the client has problems connecting to the server: a request for the server to answer immediately)" },
    },
    ["authorize-digit"] = {
      { text = "1", reading = "'1' (anyone may add)" },
      { text = "0", reading = "'0' (must authorize)" },
    },
  },
  count_nouns = { ["contact-count"] = "contact" },
  part_join = " | ",
  variants = {
    {
      name = "Net::ICQ 0.08",
      description = "The Perl module Net::ICQ 0.08 (1998): SEQ_NUM, 16-bit counts, request numbers, UINs and message LENGTHs big-endian",
      readings = {
        ["client-to-server"] = {
          unknown = { header = 1 },
          codes = {
            [0x000a] = { header = 2 },
            [0x010e] = {
              header = 1,
              command = {
                name = "SEND_MESSAGE",
                description = "Send message through server (to offline user)",
                summary = "to {RECEIVER_UIN} ({MESSAGE_TYPE})[: {MESSAGE}]",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "RECEIVER_UIN", kind = "u32", class = "uint", description = "UIN of the user the message is sent to", order = "be" },
                      { name = "MESSAGE_TYPE", kind = "u16", class = "uint", description = "Type of message being sent", meaning = "message-type" },
                      {
                        name = "MESSAGE",
                        kind = "lstring",
                        class = "string",
                        description = "The message, ended by a NULL (00)",
                        order = "be",
                        parts = {
                          by = "MESSAGE_TYPE",
                          cases = { [0x0004] = { "DESCRIPTION", "URL" }, [0x000c] = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL", "AUTHORIZE" } },
                          meanings = { AUTHORIZE = "authorize-digit" },
                        },
                      },
                    },
                  },
                },
              },
            },
            [0x03e8] = {
              header = 1,
              command = {
                name = "LOGIN",
                description = "Login on server",
                summary = "uin {UIN} port {PORT} status {STATUS}",
                layouts = {
                  {
                    name = "Net::ICQ 0.08 field order",
                    source = "Net::ICQ 0.08 puts USER_IP, STATUS and LOGIN_SEQ_NUM before the X-fields",
                    fields = {
                      {
                        name = "PORT",
                        kind = "u32",
                        class = "uint",
                        description = "The TCP port to use for incoming connections",
                        order = "be",
                        checks = {
                          { kind = "high-half-zero", note = "mICQ writes the port + 0x10000", note_id = "port-high-half" },
                          { kind = "not-own-port-swapped", note = "this packet's own source port: the client seems to write its port in network byte order", note_id = "port-byte-order" },
                        },
                        meaning = "port",
                      },
                      {
                        name = "PASSWORD",
                        kind = "lstring",
                        class = "string",
                        description = "The user's password + NULL (max 8 chars)",
                        checks = {
                          { kind = "max-length", max = 8, note = "the document: \"max 8 chars\"", note_id = "too-long" },
                        },
                      },
                      { name = "USER_IP", kind = "ipv4", class = "ipv4", description = "The user's IP address" },
                      { name = "STATUS", kind = "u32", class = "uint", description = "User's online status (normally 00 00 00 00)", meaning = "status" },
                      { name = "LOGIN_SEQ_NUM", kind = "u16", class = "uint", description = "Login sequence number", order = "be" },
                      { name = "X1", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "78000000" },
                      { name = "X2", kind = "u8", class = "uint", description = "*Unknown", unknown = true, expected = "04" },
                      { name = "X3", kind = "u32", class = "uint", description = "*Unknown (real clients send 3: the peer TCP version?)", unknown = true, expected = "02000000" },
                      { name = "X4", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "00000000" },
                      { name = "X5", kind = "u32", class = "uint", description = "*Unknown", unknown = true, expected = "08007800" },
                    },
                  },
                },
              },
            },
            [0x03fc] = { header = 3 },
            [0x0406] = {
              header = 1,
              command = {
                name = "CONTACT_LIST",
                description = "Inform the server of my contact list",
                summary = "{NUM_CONTACTS}[: {CONTACTS}]",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "NUM_CONTACTS", kind = "u16", class = "uint", description = "Number of contacts following", order = "be", meaning = "contact-count" },
                      {
                        name = "CONTACTS",
                        kind = "repeat",
                        class = "none",
                        count = "NUM_CONTACTS",
                        description = "The contact list",
                        fields = {
                          { name = "CONTACT_UIN", kind = "u32", class = "uint", description = "UIN of user on contact list (the document: UIN)" },
                        },
                      },
                    },
                  },
                  {
                    name = "one-byte NUM_CONTACTS",
                    source = "mICQ 0.2.5 and licq 0.71 send a one-byte count",
                    quirks = {
                      { field = "CONTACTS", first_byte = 0, note = "the first UIN's first byte is 00: mICQ 0.2.5 is known to overwrite it with the high byte of a two-byte count, so this UIN is probably wrong" },
                    },
                    fields = {
                      { name = "NUM_CONTACTS", kind = "u8", class = "uint", description = "Number of contacts following (one byte, as real clients send it)", order = "be", meaning = "contact-count" },
                      {
                        name = "CONTACTS",
                        kind = "repeat",
                        class = "none",
                        count = "NUM_CONTACTS",
                        description = "The contact list",
                        fields = {
                          { name = "CONTACT_UIN", kind = "u32", class = "uint", description = "UIN of user on contact list (the document: UIN)" },
                        },
                      },
                    },
                  },
                },
              },
            },
            [0x041a] = {
              header = 1,
              command = {
                name = "SEARCH_UIN",
                description = "Search for user using his/her UIN",
                summary = "#{SEARCH_SEQ_NUM} uin {SEARCHED_UIN}",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number", order = "be" },
                      { name = "SEARCHED_UIN", kind = "u32", class = "uint", description = "The UIN to search for", order = "be" },
                    },
                  },
                },
              },
            },
            [0x0424] = {
              header = 1,
              command = {
                name = "SEARCH_USER",
                description = "Search for user using his/her name or e-mail",
                summary = "#{SEARCH_SEQ_NUM}[ nick \"{NICK_NAME}\"][ first \"{FIRST_NAME}\"][ last \"{LAST_NAME}\"][ e-mail \"{E_MAIL}\"]",
                checks = {
                  { kind = "not-all-empty", fields = { "NICK_NAME", "FIRST_NAME", "LAST_NAME", "E_MAIL" }, note = "every search field is empty; the document: \"may be empty, but not all at the same time\"", note_id = "all-empty" },
                  {
                    kind = "exclusive",
                    groups = {
                      { "E_MAIL" },
                      { "NICK_NAME", "FIRST_NAME", "LAST_NAME" },
                    },
                    note = "searches by e-mail and by name at once; the document: \"you may only search either on E_MAIL ... or on name\"",
                    note_id = "exclusive-fields",
                  },
                },
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "SEARCH_SEQ_NUM", kind = "u16", class = "uint", description = "Search sequence number", order = "be" },
                      { name = "NICK_NAME", kind = "lstring", class = "string", description = "Nick name to search for, NULL terminated" },
                      { name = "FIRST_NAME", kind = "lstring", class = "string", description = "First name to search for, NULL terminated" },
                      { name = "LAST_NAME", kind = "lstring", class = "string", description = "Last name to search for, NULL terminated (the document says \"Nick name\": a slip)" },
                      { name = "E_MAIL", kind = "lstring", class = "string", description = "E-mail to search for, NULL terminated" },
                    },
                  },
                },
              },
            },
            [0x042e] = { header = 1 },
            [0x0438] = { header = 1 },
            [0x0442] = { header = 1 },
            [0x044c] = { header = 1 },
            [0x0456] = { header = 1 },
            [0x0460] = {
              header = 1,
              command = {
                name = "INFO_REQ",
                description = "Request basic information about a user",
                summary = "#{INFO_SEQ_NUM} uin {QUERY_UIN}",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequential number", order = "be" },
                      { name = "QUERY_UIN", kind = "u32", class = "uint", description = "UIN of user to request information about", order = "be" },
                    },
                  },
                },
              },
            },
            [0x046a] = {
              header = 1,
              command = {
                name = "EXT_INFO_REQ",
                description = "Request extended information about a user",
                summary = "#{INFO_SEQ_NUM} uin {QUERY_UIN}",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "INFO_SEQ_NUM", kind = "u16", class = "uint", description = "Information sequential number", order = "be" },
                      { name = "QUERY_UIN", kind = "u32", class = "uint", description = "UIN of user to request information about", order = "be" },
                    },
                  },
                },
              },
            },
            [0x049c] = {
              header = 1,
              command = {
                name = "CHANGE_PASSWORD",
                description = "Change the user's password",
                summary = "#{PASSWORD_SEQ_NUM}",
                layouts = {
                  {
                    name = "document",
                    source = "protocol document v0.91",
                    fields = {
                      { name = "PASSWORD_SEQ_NUM", kind = "u16", class = "uint", description = "Password changing sequential number", order = "be" },
                      {
                        name = "NEW_PASSWORD",
                        kind = "lstring",
                        class = "string",
                        description = "The new password, NULL terminated (max 8 chars)",
                        checks = {
                          { kind = "max-length", max = 8, note = "the document: \"max 8 chars\"", note_id = "too-long" },
                        },
                      },
                    },
                  },
                },
              },
            },
            [0x04a6] = { header = 1 },
            [0x04b0] = { header = 1 },
            [0x04ba] = { header = 1 },
            [0x04c4] = { header = 1 },
            [0x04d8] = { header = 1 },
            [0x04ec] = { header = 1 },
            [0x050a] = { header = 1 },
            [0x0514] = { header = 1 },
            [0x051e] = { header = 1 },
            [0x0528] = { header = 1 },
            [0x053c] = { header = 1 },
            [0x06a4] = { header = 1 },
            [0x06ae] = { header = 1 },
          },
        },
        ["server-to-client"] = {
          codes = {
            [0x000a] = { header = 4 },
          },
        },
      },
      headers = {
        {
          { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
          { name = "COMMAND", kind = "u16", class = "uint", description = "Code for service the server should provide", meaning = "command" },
          { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)", order = "be" },
          { name = "UIN", kind = "u32", class = "uint", description = "The sender's UIN" },
        },
        {
          { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
          { name = "COMMAND", kind = "u16", class = "uint", description = "Code for service the server should provide", meaning = "command" },
          { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)", order = "le" },
          { name = "UIN", kind = "u32", class = "uint", description = "The sender's UIN" },
        },
        {
          { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
          { name = "COMMAND", kind = "u16", class = "uint", description = "Code for service the server should provide", meaning = "command" },
          { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)", order = "be" },
        },
        {
          { name = "VERSION", kind = "u16", class = "uint", description = "Identifies the packet as an ICQ packet", expected = "0200" },
          { name = "COMMAND", kind = "u16", class = "uint", description = "Code of what the server sends: a reply, or news of a user on the contact list", meaning = "command" },
          { name = "SEQ_NUM", kind = "u16", class = "uint", description = "Sequence number (in an ACK: the number of the packet acknowledged)", order = "be" },
        },
      },
    },
  },
  choice = {
    cost = { error = 10, warning = 2, note = 3 },
    run_bonus = 3,
    decisive_lead = 5,
    max_undecided_packets = 16,
    run_field = "SEQ_NUM",
    ack_command = "ACK",
  },
  experts = {
    { id = "length-reconstructed", severity = "note", group = "REASSEMBLE", meaning = "the peer LENGTH came in the TCP segment before (the Lua dissector rebuilds it)" },
    { id = "malformed", severity = "error", group = "MALFORMED", meaning = "bytes that do not fit the layout: too short, a LENGTH or count past the end, no NUL, bytes left over" },
    { id = "unknown-command", severity = "error", group = "UNDECODED", meaning = "a command code no table knows: its body is shown as unknown bytes" },
    { id = "not-v2", severity = "warning", group = "UNDECODED", meaning = "another protocol version than 2: not decoded" },
    { id = "document-differs", severity = "note", group = "PROTOCOL", meaning = "a field's bytes differ from the document's fixed value (the X-fields of real clients)" },
    { id = "layout-variant", severity = "note", group = "PROTOCOL", meaning = "the PDU was read with another layout than the document's, and which" },
    { id = "quirk", severity = "warning", group = "PROTOCOL", meaning = "a known client bug left its mark (mICQ's first contact UIN)" },
    { id = "message-parts", severity = "warning", group = "PROTOCOL", meaning = "a message has another number of FE-separated parts than its type has" },
    { id = "client-variant", severity = "note", group = "PROTOCOL", meaning = "the client variant (byte orders, field order) that reads the session: chosen here, or leading until then" },
    { id = "out-of-range", severity = "note", group = "PROTOCOL", meaning = "a value outside the range the document gives (the peer X4)" },
    { id = "port-high-half", severity = "note", group = "PROTOCOL", meaning = "a 32-bit port whose high half is not 0 (mICQ writes the port + 0x10000)" },
    { id = "port-byte-order", severity = "note", group = "PROTOCOL", meaning = "a port written in network byte order (read big-endian it is the packet's own source port)" },
    { id = "too-long", severity = "warning", group = "PROTOCOL", meaning = "a string longer than the document allows (a password of more than 8 characters)" },
    { id = "implied-value", severity = "note", group = "PROTOCOL", meaning = "a field without the value the document says goes with another field's" },
    { id = "fields-differ", severity = "note", group = "PROTOCOL", meaning = "two fields differ that are normally the same (REMOTE_IP and REMOTE_REAL_IP: behind a firewall)" },
    { id = "all-empty", severity = "warning", group = "PROTOCOL", meaning = "every field of which the document wants at least one is empty (a search)" },
    { id = "exclusive-fields", severity = "warning", group = "PROTOCOL", meaning = "fields used together that the document says exclude each other (a search by e-mail and by name)" },
  },
  value_strings = {
    commands = { [0x000a] = "ACK", [0x0028] = "SET_OFFLINE", [0x0046] = "NEW_USER_UIN", [0x005a] = "LOGIN_REPLY", [0x0064] = "WRONG_PASSWORD", [0x006e] = "USER_ONLINE", [0x0078] = "USER_OFFLINE", [0x0082] = "QUERY_REPLY", [0x008c] = "USER_FOUND", [0x00a0] = "END_OF_SEARCH", [0x00b4] = "NEW_USER_REPLY", [0x00be] = "BASIC_INFO_UPDATE_FAILED", [0x00c8] = "UPDATE_EXT_REPLY", [0x00d2] = "DETAILS_UPDATE_FAILED", [0x00dc] = "RECEIVE_MESSAGE", [0x00e6] = "REPLY_X2", [0x00f0] = "GO_AWAY", [0x00fa] = "BUSY", [0x00ff] = "CHANNEL_INIT", [0x0104] = "ONLINE_SYSTEM_MESSAGE", [0x010e] = "SEND_MESSAGE", [0x0118] = "INFO_REPLY", [0x0122] = "EXT_INFO_REPLY", [0x012c] = "INVALID_UIN", [0x01a4] = "STATUS_UPDATE", [0x01c2] = "SYSTEM_MESSAGE", [0x01e0] = "UPDATE_REPLY", [0x01f4] = "AUTHORIZATION_UPDATE_FAILED", [0x01fe] = "AUTHORIZATION_UPDATE_DONE", [0x0212] = "MULTI_PACKET", [0x021c] = "REPLY_X1", [0x03e8] = "LOGIN", [0x03fc] = "NEW_USER_REG", [0x0406] = "CONTACT_LIST", [0x041a] = "SEARCH_UIN", [0x0424] = "SEARCH_USER", [0x042e] = "KEEP_ALIVE", [0x0438] = "SEND_TEXT_CODE", [0x0442] = "CMD_X1", [0x044c] = "LOGIN_1", [0x0456] = "REQ_ADD_TO_LIST", [0x0460] = "INFO_REQ", [0x046a] = "EXT_INFO_REQ", [0x049c] = "CHANGE_PASSWORD", [0x04a6] = "NEW_USER_INFO", [0x04b0] = "UPDATE_EXT_INFO", [0x04ba] = "QUERY_SERVERS", [0x04c4] = "QUERY_ADDONS", [0x04d8] = "STATUS_CHANGE", [0x04ec] = "NEW_USER_1", [0x050a] = "UPDATE_INFO", [0x0514] = "UPDATE_AUTHORIZATION", [0x051e] = "PING_2", [0x0528] = "LOGIN_2", [0x053c] = "ADD_TO_LIST", [0x06a4] = "INVISIBLE_LIST", [0x06ae] = "VISIBLE_LIST", [0x07d0] = "CHANNEL_CANCEL", [0x07da] = "CHANNEL_ACK", [0x07ee] = "CHANNEL_MESSAGE" },
    countries = { [0x0001] = "USA", [0x0007] = "Russia", [0x0014] = "Egypt", [0x001b] = "South Africa", [0x001e] = "Greece", [0x001f] = "Netherlands", [0x0020] = "Belgium", [0x0021] = "France", [0x0022] = "Spain", [0x0024] = "Hungary", [0x0027] = "Italy", [0x0028] = "Romania", [0x0029] = "Switzerland", [0x002a] = "Czech Republic", [0x002b] = "Austria", [0x002c] = "UK", [0x002d] = "Denmark", [0x002e] = "Sweden", [0x002f] = "Norway", [0x0030] = "Poland", [0x0031] = "Germany", [0x0033] = "Peru", [0x0034] = "Mexico", [0x0035] = "Cuba", [0x0036] = "Argentina", [0x0037] = "Brazil", [0x0038] = "Chile", [0x0039] = "Colombia", [0x003a] = "Venezuela", [0x003c] = "Malaysia", [0x003d] = "Australia", [0x003e] = "Indonesia", [0x003f] = "Philippines", [0x0040] = "New Zealand", [0x0041] = "Singapore", [0x0042] = "Thailand", [0x0051] = "Japan", [0x0052] = "South Korea", [0x0054] = "Vietnam", [0x0056] = "China", [0x005a] = "Turkey", [0x005b] = "India", [0x005c] = "Pakistan", [0x005d] = "Afghanistan", [0x005e] = "Sri Lanka", [0x005f] = "Myanmar", [0x0062] = "Iran", [0x00d4] = "Morocco", [0x00d5] = "Algeria", [0x00d8] = "Tunisia", [0x00da] = "Libya", [0x00ea] = "Nigeria", [0x00fe] = "Kenya", [0x015f] = "Portugal", [0x0160] = "Luxembourg", [0x0161] = "Ireland", [0x0162] = "Iceland", [0x0163] = "Albania", [0x0164] = "Malta", [0x0165] = "Cyprus", [0x0166] = "Finland", [0x0167] = "Bulgaria", [0x0172] = "Lithuania", [0x0173] = "Latvia", [0x0174] = "Estonia", [0x0175] = "Moldova", [0x0176] = "Armenia", [0x0177] = "Belarus", [0x017c] = "Ukraine", [0x017d] = "Yugoslavia", [0x0181] = "Croatia", [0x0182] = "Slovenia", [0x0183] = "Bosnia and Herzegovina", [0x0185] = "Macedonia", [0x01a4] = "Czech Republic", [0x01a5] = "Slovakia", [0x0354] = "Hong Kong", [0x0376] = "Taiwan", [0x03c1] = "Lebanon", [0x03c2] = "Jordan", [0x03c5] = "Kuwait", [0x03c6] = "Saudi Arabia", [0x03cb] = "United Arab Emirates", [0x03cc] = "Israel" },
  },
  fields = {
    { name = "VERSION", abbr = "icq2.version", class = "uint", bits = 16, description = "Identifies the packet as an ICQ packet" },
    { name = "COMMAND", abbr = "icq2.command", class = "uint", bits = 16, description = "Code for service the server should provide", value_string = "commands" },
    { name = "SEQ_NUM", abbr = "icq2.seq_num", class = "uint", bits = 16, description = "Sequence number (in an ACK: the number of the packet acknowledged)" },
    { name = "UIN", abbr = "icq2.uin", class = "uint", bits = 32, description = "The sender's UIN" },
    { name = "LENGTH", abbr = "icq2.length", class = "uint", bits = 16, description = "Length of this packet (not counting these two bytes)" },
    { name = "MSG_COMMAND", abbr = "icq2.msg_command", class = "uint", bits = 16, description = "The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)", value_string = "commands" },
    { name = "UNKNOWN", abbr = "icq2.unknown", class = "bytes", description = "Body of a command nobody describes" },
    { name = "PAYLOAD", abbr = "icq2.payload", class = "bytes", description = "Not decoded: not protocol version 2" },
    { name = "TRAILING", abbr = "icq2.trailing", class = "bytes", description = "Bytes after the last field of the layout" },
    { name = "RECEIVER_UIN", abbr = "icq2.receiver_uin", class = "uint", bits = 32, description = "UIN of the user the message is sent to" },
    { name = "MESSAGE_TYPE", abbr = "icq2.message_type", class = "uint", bits = 16, description = "Type of message being sent" },
    { name = "MESSAGE", abbr = "icq2.message", class = "string", description = "The message, ended by a NULL (00)" },
    { name = "DESCRIPTION", abbr = "icq2.description", class = "string", description = "A part of MESSAGE" },
    { name = "URL", abbr = "icq2.url", class = "string", description = "A part of MESSAGE" },
    { name = "NICK_NAME", abbr = "icq2.nick_name", class = "string", description = "A part of MESSAGE" },
    { name = "FIRST_NAME", abbr = "icq2.first_name", class = "string", description = "A part of MESSAGE" },
    { name = "LAST_NAME", abbr = "icq2.last_name", class = "string", description = "A part of MESSAGE" },
    { name = "E_MAIL", abbr = "icq2.e_mail", class = "string", description = "A part of MESSAGE" },
    { name = "AUTHORIZE", abbr = "icq2.authorize", class = "string", description = "A part of MESSAGE" },
    { name = "PORT", abbr = "icq2.port", class = "uint", bits = 32, description = "The TCP port to use for incoming connections" },
    { name = "PASSWORD", abbr = "icq2.password", class = "string", description = "The user's password + NULL (max 8 chars)" },
    { name = "X1", abbr = "icq2.x1", class = "uint", bits = 32, description = "*Unknown" },
    { name = "USER_IP", abbr = "icq2.user_ip", class = "ipv4", description = "The user's IP address" },
    { name = "X2", abbr = "icq2.x2", class = "uint", bits = 32, description = "*Unknown" },
    { name = "STATUS", abbr = "icq2.status", class = "uint", bits = 32, description = "User's online status (normally 00 00 00 00)" },
    { name = "X3", abbr = "icq2.x3", class = "uint", bits = 32, description = "*Unknown (real clients send 3: the peer TCP version?)" },
    { name = "LOGIN_SEQ_NUM", abbr = "icq2.login_seq_num", class = "uint", bits = 16, description = "Login sequence number" },
    { name = "X4", abbr = "icq2.x4", class = "uint", bits = 32, description = "*Unknown" },
    { name = "X5", abbr = "icq2.x5", class = "uint", bits = 32, description = "*Unknown" },
    { name = "NUM_CONTACTS", abbr = "icq2.num_contacts", class = "uint", bits = 16, description = "Number of contacts following" },
    { name = "CONTACTS", abbr = "icq2.contacts", class = "none", description = "The contact list" },
    { name = "CONTACT_UIN", abbr = "icq2.contact_uin", class = "uint", bits = 32, description = "UIN of user on contact list" },
    { name = "SEARCH_SEQ_NUM", abbr = "icq2.search_seq_num", class = "uint", bits = 16, description = "Search sequence number" },
    { name = "SEARCHED_UIN", abbr = "icq2.searched_uin", class = "uint", bits = 32, description = "The UIN to search for" },
    { name = "TEXT_CODE", abbr = "icq2.text_code", class = "string", description = "Message to send to server, NULL terminated (B_USER_DISCONNECTED, B_MESSAGE_ACK)" },
    { name = "INFO_SEQ_NUM", abbr = "icq2.info_seq_num", class = "uint", bits = 16, description = "Information sequential number" },
    { name = "QUERY_UIN", abbr = "icq2.query_uin", class = "uint", bits = 32, description = "UIN of user to request information about" },
    { name = "PASSWORD_SEQ_NUM", abbr = "icq2.password_seq_num", class = "uint", bits = 16, description = "Password changing sequential number" },
    { name = "NEW_PASSWORD", abbr = "icq2.new_password", class = "string", description = "The new password, NULL terminated (max 8 chars)" },
    { name = "UNDESCRIBED", abbr = "icq2.undescribed", class = "bytes", description = "Body the document names but does not describe" },
    { name = "USER_UIN", abbr = "icq2.user_uin", class = "uint", bits = 32, description = "The user's UIN" },
    { name = "X5", abbr = "icq2.x5", class = "bytes", description = "*Unknown" },
    { name = "REMOTE_UIN", abbr = "icq2.remote_uin", class = "uint", bits = 32, description = "The UIN of the user who has logged in" },
    { name = "REMOTE_IP", abbr = "icq2.remote_ip", class = "ipv4", description = "The IP address of the user (\"outer\")" },
    { name = "REMOTE_PORT", abbr = "icq2.remote_port", class = "uint", bits = 32, description = "The TCP port of the user" },
    { name = "REMOTE_REAL_IP", abbr = "icq2.remote_real_ip", class = "ipv4", description = "The actual IP address of the user (\"inner\")" },
    { name = "FOUND_UIN", abbr = "icq2.found_uin", class = "uint", bits = 32, description = "Found user's UIN" },
    { name = "AUTHORIZE", abbr = "icq2.authorize", class = "uint", bits = 8, description = "User's authorization status" },
    { name = "DATE", abbr = "icq2.date", class = "none", description = "When the message was sent: YEAR ... MINUTE read as GMT, as the document first says (it also says HOUR is local time - 1)" },
    { name = "YEAR", abbr = "icq2.year", class = "uint", bits = 16, description = "The year the message was sent" },
    { name = "MONTH", abbr = "icq2.month", class = "uint", bits = 8, description = "The month the message was sent" },
    { name = "DAY", abbr = "icq2.day", class = "uint", bits = 8, description = "The day of the month the message was sent" },
    { name = "HOUR", abbr = "icq2.hour", class = "uint", bits = 8, description = "The hour the message was sent (the document: \"in GMT\", and also \"local time - 1\")" },
    { name = "MINUTE", abbr = "icq2.minute", class = "uint", bits = 8, description = "The minute the message was sent" },
    { name = "MORE_FOUND", abbr = "icq2.more_found", class = "uint", bits = 8, description = "More users found but not displayed (the server stops at 40)" },
    { name = "CITY", abbr = "icq2.city", class = "string", description = "The remote user's city" },
    { name = "COUNTRY_CODE", abbr = "icq2.country_code", class = "uint", bits = 16, description = "The remote user's country code (international telephone prefix)", value_string = "countries" },
    { name = "COUNTRY_STATUS", abbr = "icq2.country_status", class = "uint", bits = 8, description = "Indicates if COUNTRY_CODE is entered or not (FE entered, 9C not)" },
    { name = "STATE", abbr = "icq2.state", class = "string", description = "The remote user's state (USA only)" },
    { name = "AGE", abbr = "icq2.age", class = "uint", bits = 16, description = "The remote user's age (FF FF: not entered)" },
    { name = "SEX", abbr = "icq2.sex", class = "uint", bits = 8, description = "The remote user's sex (0 not specified, 1 female, 2 male)" },
    { name = "PHONE", abbr = "icq2.phone", class = "string", description = "The remote user's phone number (the document's description says city: a slip)" },
    { name = "HOME_PAGE", abbr = "icq2.home_page", class = "string", description = "The remote user's home page (the document's description says city: a slip)" },
    { name = "ABOUT", abbr = "icq2.about", class = "string", description = "Free-form personal presentation (the document's description says city: a slip)" },
    { name = "INIT_IDENT", abbr = "icq2.init_ident", class = "uint", bits = 8, description = "Identifies this packet as an initiation" },
    { name = "MY_UIN", abbr = "icq2.my_uin", class = "uint", bits = 32, description = "The local user's UIN" },
    { name = "MY_IP", abbr = "icq2.my_ip", class = "ipv4", description = "The user's IP address" },
    { name = "MY_IP_REAL", abbr = "icq2.my_ip_real", class = "ipv4", description = "The user's actual IP address" },
    { name = "MY_PORT", abbr = "icq2.my_port", class = "uint", bits = 32, description = "The user's TCP port for incoming messages" },
    { name = "UIN_2", abbr = "icq2.uin_2", class = "uint", bits = 32, description = "The local user's UIN" },
    { name = "CMD_TYPE", abbr = "icq2.cmd_type", class = "uint", bits = 16, description = "Identifies message as new message (10 00) or auto reply (00 00)" },
    { name = "CHAT_USERS", abbr = "icq2.chat_users", class = "string", description = "Chat request: users already in the chat (licq)" },
    { name = "REVERSE_PORT", abbr = "icq2.reverse_port", class = "uint", bits = 32, description = "Chat request: the chat port, bytes swapped (licq)" },
    { name = "CHAT_PORT", abbr = "icq2.chat_port", class = "uint", bits = 32, description = "Chat request: the chat port (licq)" },
    { name = "X4", abbr = "icq2.x4", class = "int", bits = 32, description = "*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)" },
    { name = "TRAILER", abbr = "icq2.trailer", class = "bytes", description = "Bytes after X4 (licq appends \"L\" and its version)" },
    { name = "FILE_NAME", abbr = "icq2.file_name", class = "string", description = "File request: the file name (licq)" },
    { name = "FILE_SIZE", abbr = "icq2.file_size", class = "uint", bits = 32, description = "File request: the file size in bytes (licq)" },
    { name = "FILE_PORT", abbr = "icq2.file_port", class = "uint", bits = 32, description = "File request: the file port (licq)" },
  },
  key_fields = {
    { key = "direction", abbr = "icq2.direction", title = "Direction", description = "client-to-server, server-to-client or peer-to-peer" },
    { key = "layout", abbr = "icq2.layout", title = "Layout", description = "The layout variant used, when the command has more than one" },
    { key = "variant", abbr = "icq2.variant", title = "Client variant", description = "The client variant whose byte orders and field order read this PDU" },
  },
}

-- The interpreter: walks the TABLES above over a tvb the way src/dissect/walk.ts and choose-layout.ts
-- do, checks the declared rules as field-checks.ts does and chooses a session's client variant as
-- variant-choice.ts does. A walk only collects items and notes; the tree is drawn from the chosen
-- layout's (and way's) result, since a layout or way that is tried and dropped must leave no trace.

local proto = Proto("icq2", "ICQ protocol version 2")

local PT_TCP = 2
local MESSAGE_TYPE_VARIANT_BIT = 0x8000
-- The peer TCP version: the document's 2, licq's 3.
local PEER_VERSIONS = { [2] = true, [3] = true }

-- One ProtoField per (name, class), under the filter name the tables give it (icq2.<lowercase name>).
local pf = {}
local function protofield(f)
  local abbr = f.abbr
  local vs = f.value_string and TABLES.value_strings[f.value_string] or nil
  if f.class == "uint" then
    return ProtoField["uint" .. f.bits](abbr, f.name, vs and f.value_string == "commands" and base.HEX or base.DEC, vs, nil, f.description)
  elseif f.class == "int" then
    return ProtoField["int" .. f.bits](abbr, f.name, base.DEC, nil, nil, f.description)
  elseif f.class == "ipv4" then
    return ProtoField.ipv4(abbr, f.name, f.description)
  elseif f.class == "string" then
    return ProtoField.string(abbr, f.name, base.UNICODE, f.description)
  elseif f.class == "bytes" then
    return ProtoField.bytes(abbr, f.name, base.NONE, f.description)
  end
  return ProtoField.none(abbr, f.name, f.description)
end
local all_fields = {}
for _, f in ipairs(TABLES.fields) do
  pf[f.name] = pf[f.name] or {}
  pf[f.name][f.class] = protofield(f)
  table.insert(all_fields, pf[f.name][f.class])
end
-- The PDU's keys shown as generated fields (direction, layout, variant).
local pf_key = {}
for _, k in ipairs(TABLES.key_fields) do
  pf_key[k.key] = ProtoField.string(k.abbr, k.title, base.ASCII, k.description)
  table.insert(all_fields, pf_key[k.key])
end
proto.fields = all_fields

-- Expert infos by note id (src/net/note-kinds.ts), each icq2.<id> with its severity and group: a note's
-- severity also prices it in the variant choice.
local EXPERT_SEVERITY = { note = expert.severity.NOTE, warning = expert.severity.WARN, error = expert.severity.ERROR }
local experts, severity_of, expert_list = {}, {}, {}
for _, e in ipairs(TABLES.experts) do
  experts[e.id] = ProtoExpert.new("icq2." .. e.id, e.meaning, expert.group[e.group], EXPERT_SEVERITY[e.severity])
  severity_of[e.id] = e.severity
  table.insert(expert_list, experts[e.id])
end
proto.experts = expert_list

-- What the texts a text meaning names stand for, by meaning and text.
local TEXT_READINGS = {}
for meaning, readings in pairs(TABLES.text_readings) do
  TEXT_READINGS[meaning] = {}
  for _, r in ipairs(readings) do TEXT_READINGS[meaning][r.text] = r.reading end
end
local function text_reading(meaning, value)
  return meaning and TEXT_READINGS[meaning] and TEXT_READINGS[meaning][value]
end

-- Walking ----------------------------------------------------------------------------------------

local FIXED_SIZE = { u8 = 1, u16 = 2, u32 = 4, i32 = 4, ipv4 = 4 }

local function new_item(spec, class, offset, length, value)
  return { name = spec.name, class = class, offset = offset, length = length, value = value }
end

local function add_note(ctx, note_id, message, item)
  table.insert(ctx.notes, { id = note_id, message = message, item = item })
end

local function hex(ctx, offset, length)
  if length == 0 then return "" end
  return ctx.tvb:range(offset, length):bytes():tohex(true)
end

local function spaced(h) return (h:gsub("(..)", "%1 "):gsub(" $", "")) end

-- Text in the default charset, decoded by the table icq2-dissect's own decoder wrote.
local function text(ctx, offset, length)
  if length == 0 then return "" end
  local bytes = ctx.tvb:range(offset, length):bytes()
  local out = {}
  for i = 0, length - 1 do
    local b = bytes:get_index(i)
    out[i + 1] = b < 0x80 and string.char(b) or TABLES.charset.high_bytes[b]
  end
  return table.concat(out)
end

-- Bytes that ran out mid-field: shown as they are, with an error.
local function cut(ctx, spec, pos, needed)
  local left = ctx.limit - pos
  add_note(ctx, "malformed", string.format("packet too short: %s needs %d bytes, %d left", spec.name, needed, left))
  if left <= 0 then return {}, pos, false end
  local item = new_item(spec, "cut", pos, left, nil)
  item.display = string.format("%d of %d bytes", left, needed)
  return { item }, ctx.limit, false
end

-- Declared checks ----------------------------------------------------------------------------------
-- As src/dissect/field-checks.ts: a check returns its note's text when the value breaks it.

local function port_text(value)
  local port, high = bit32.band(value, 0xffff), bit32.rshift(value, 16)
  return high == 0 and tostring(port) or string.format("%d (high half 0x%04x)", port, high)
end

-- Characters, not bytes, as JavaScript counts them (the text is UTF-8, every character one UTF-16 unit).
local function characters(s) return select(2, s:gsub("[^\128-\191]", "")) end

local function swapped16(value) return bit32.bor(bit32.lshift(bit32.band(value, 0xff), 8), bit32.rshift(value, 8)) end

local FIELD_CHECKS = {
  range = function(check, name, value)
    if type(value) == "number" and (value < check.min or value > check.max) then return string.format("%s is %d, %s", name, value, check.note) end
  end,
  ["high-half-zero"] = function(check, name, value)
    if type(value) == "number" and bit32.rshift(value, 16) ~= 0 then return string.format("%s reads %s: %s", name, port_text(value), check.note) end
  end,
  ["max-length"] = function(check, name, value)
    if type(value) == "string" and characters(value) > check.max then
      return string.format("%s has %d characters, more than %d: %s", name, characters(value), check.max, check.note)
    end
  end,
  ["not-own-port-swapped"] = function(check, name, value, ctx)
    if type(value) ~= "number" then return nil end
    local low = bit32.band(value, 0xffff)
    local port = swapped16(low)
    if port == ctx.source_port and port ~= low then return string.format("%s's low half read big-endian is %d, %s", name, port, check.note) end
  end,
}

local function check_field(ctx, spec, value, item)
  for _, check in ipairs(spec.checks or {}) do
    local message = FIELD_CHECKS[check.kind](check, spec.name, value, ctx)
    if message then add_note(ctx, check.note_id, message, item) end
  end
end

local function contains(list, value)
  for _, v in ipairs(list) do
    if v == value then return true end
  end
  return false
end

-- A value as the notes quote it: numbers in hex, texts as JSON strings.
local function quoted(value)
  if type(value) == "number" then return string.format("0x%x", value) end
  return '"' .. value:gsub('[\\"]', "\\%0") .. '"'
end

local function is_empty_text(value) return value == nil or value == "" end

local COMMAND_CHECKS = {
  implies = function(check, values)
    local given, needed = check["if"], check["then"]
    local cause, effect = values[given.field], values[needed.field]
    if cause == nil or effect == nil or not contains(given.values, cause) or contains(needed.values, effect) then return nil end
    return string.format("%s is %s with %s %s: %s", needed.field, quoted(effect), given.field, quoted(cause), check.note)
  end,
  differ = function(check, values)
    local a, b = check.fields[1], check.fields[2]
    local first, second = values[a], values[b]
    if first ~= nil and second ~= nil and first ~= second then
      return string.format("%s %s differs from %s %s: %s", a, tostring(first), b, tostring(second), check.note)
    end
  end,
  -- Texts that were read are never nil: "" is an empty one, nil one the PDU did not reach.
  ["not-all-empty"] = function(check, values)
    for _, f in ipairs(check.fields) do
      if values[f] ~= "" then return nil end
    end
    return check.note
  end,
  exclusive = function(check, values)
    local used = 0
    for _, group in ipairs(check.groups) do
      for _, f in ipairs(group) do
        if not is_empty_text(values[f]) then used = used + 1 break end
      end
    end
    if used > 1 then return check.note end
  end,
}

local function check_command(ctx, checks)
  for _, check in ipairs(checks or {}) do
    local message = COMMAND_CHECKS[check.kind](check, ctx.values)
    if message then add_note(ctx, check.note_id, message) end
  end
end

-- Walking, continued -------------------------------------------------------------------------------

local function is_expected(spec, got)
  return got == spec.expected or contains(spec.also_expected or {}, got)
end

local function done(ctx, spec, pos, length, value)
  local item = new_item(spec, spec.class, pos, length, value)
  if spec.expected then
    local got = hex(ctx, pos, length)
    if not is_expected(spec, got) then
      add_note(ctx, "document-differs", string.format("%s is %s, the document says %s", spec.name, spaced(got), spec.document_says or spaced(spec.expected)), item)
    end
  end
  check_field(ctx, spec, value, item)
  return { item }, pos + length, true
end

local walk_fields

-- An integer in the spec's byte order (the document's: little-endian); a string's order is its LENGTH's.
local function read_integer(ctx, spec, pos, size, signed)
  local range = ctx.tvb:range(pos, size)
  if spec.order == "be" then return signed and range:int() or range:uint() end
  return signed and range:le_int() or range:le_uint()
end

local function integer(ctx, spec, pos, size)
  local value = read_integer(ctx, spec, pos, size, spec.kind == "i32")
  ctx.values[spec.name] = value
  local items, stop, ok = done(ctx, spec, pos, size, value)
  -- A count reads with its noun, as src/protocol/meanings.ts reads it ("1 contact", "2 contacts").
  local noun = spec.meaning and TABLES.count_nouns[spec.meaning]
  if noun then items[1].display = string.format("%d %s%s", value, noun, value == 1 and "" or "s") end
  return items, stop, ok
end

-- MESSAGE of a URL or "you were added" message: 0xFE-separated parts, named by the selector's value.
local function split_parts(ctx, spec, start, text_length)
  local selector = ctx.values[spec.parts.by]
  if type(selector) ~= "number" then return nil end
  local names = spec.parts.cases[bit32.band(selector, bit32.bnot(MESSAGE_TYPE_VARIANT_BIT))]
  if not names then return nil end
  local parts, part_start, index = {}, start, 0
  local stop = start + text_length
  for i = start, stop do
    if i == stop or ctx.tvb:range(i, 1):uint() == 0xfe then
      local name = names[index + 1] or string.format("PART_%d", index + 1)
      local part = new_item({ name = name }, "string", part_start, i - part_start, text(ctx, part_start, i - part_start))
      part.display = text_reading(spec.parts.meanings and spec.parts.meanings[name], part.value)
      table.insert(parts, part)
      part_start = i + 1
      index = index + 1
    end
  end
  if index ~= #names then
    add_note(ctx, "message-parts", string.format("%s has %d part%s, expected %d (%s)", spec.name, index, index == 1 and "" or "s", #names, table.concat(names, ", ")))
  end
  return parts
end

local function lstring(ctx, spec, pos)
  local length_spec = { name = "LENGTH", class = "uint" }
  if pos + 2 > ctx.limit then return cut(ctx, length_spec, pos, 2) end
  local declared = read_integer(ctx, spec, pos, 2, false)
  local length_item = new_item(length_spec, "uint", pos, 2, declared)
  local start = pos + 2
  local available = math.min(declared, ctx.limit - start)
  local ok = true
  if declared > ctx.limit - start then
    add_note(ctx, "malformed", string.format("string past the end: LENGTH of %s says %d, %d bytes left", spec.name, declared, ctx.limit - start))
    ok = false
  end
  local terminated = available == declared and declared > 0 and ctx.tvb:range(start + declared - 1, 1):uint() == 0
  -- The NUL is never part of the text, also where LENGTH runs past the end (as walk.ts).
  local ends_in_nul = available > 0 and ctx.tvb:range(start + available - 1, 1):uint() == 0
  local item = new_item(spec, "string", start, available, text(ctx, start, ends_in_nul and available - 1 or available))
  if ok and not terminated then add_note(ctx, "malformed", spec.name .. " does not end in NUL", item) end
  item.display = text_reading(spec.meaning, item.value)
  check_field(ctx, spec, item.value, item)
  if spec.parts and terminated and available > 1 then item.children = split_parts(ctx, spec, start, available - 1) end
  -- The parts joined as walk.ts joins them: the FE byte is no character of the text.
  if item.children then
    local texts = {}
    for _, part in ipairs(item.children) do table.insert(texts, part.value) end
    item.value = table.concat(texts, TABLES.part_join)
  end
  ctx.values[spec.name] = item.value
  return { length_item, item }, start + available, ok and terminated
end

local function container(spec, pos, stop, children, value, display)
  local item = new_item(spec, "none", pos, stop - pos, value)
  item.children = children
  item.display = display
  return item
end

local function labels(items, with_names)
  local out = {}
  for _, it in ipairs(items) do
    local shown = it.display or tostring(it.value)
    table.insert(out, with_names and (it.name .. "=" .. shown) or shown)
  end
  return table.concat(out, with_names and " " or ", ")
end

local function repeat_fields(ctx, spec, pos)
  local count = ctx.values[spec.count]
  local items, stop, ok = {}, pos, true
  for i = 0, (type(count) == "number" and count or 0) - 1 do
    if stop >= ctx.limit then
      add_note(ctx, "malformed", string.format("packet too short: %s says %d, only %d present", spec.count, count, i))
      ok = false
      break
    end
    local start = stop
    local step
    step, stop, ok = walk_fields(spec.fields, ctx, start)
    if #spec.fields == 1 then
      for _, it in ipairs(step) do table.insert(items, it) end
    else
      local name = string.format("%s[%d]", spec.name, i)
      table.insert(items, container({ name = name }, start, stop, step, nil, labels(step, true)))
    end
    if not ok then break end
  end
  return { container(spec, pos, stop, items, count, labels(items, false)) }, stop, ok
end

local function group(ctx, spec, pos)
  local children, stop, ok = walk_fields(spec.fields, ctx, pos)
  local display = labels(children, true)
  if spec.meaning == "date" and ok then
    -- Read as GMT, the document's first statement (it also says HOUR is "local time - 1").
    local v = ctx.values
    display = string.format("%d-%02d-%02d %02d:%02d GMT", v.YEAR, v.MONTH, v.DAY, v.HOUR, v.MINUTE)
  end
  return { container(spec, pos, stop, children, nil, display) }, stop, ok
end

local function walk_field(ctx, spec, pos)
  if spec.optional and pos >= ctx.limit then return {}, pos, true end
  local kind = spec.kind
  local size = FIXED_SIZE[kind] or (kind == "bytes" and spec.length) or nil
  if size and pos + size > ctx.limit then return cut(ctx, spec, pos, size) end
  if kind == "u8" or kind == "u16" or kind == "u32" or kind == "i32" then return integer(ctx, spec, pos, size) end
  if kind == "ipv4" then
    local ip = tostring(ctx.tvb:range(pos, 4):ipv4())
    ctx.values[spec.name] = ip
    return done(ctx, spec, pos, 4, ip)
  end
  if kind == "bytes" or kind == "rest" then
    ctx.values[spec.name] = nil
    return done(ctx, spec, pos, size or ctx.limit - pos, nil)
  end
  if kind == "lstring" then return lstring(ctx, spec, pos) end
  if kind == "repeat" then return repeat_fields(ctx, spec, pos) end
  return group(ctx, spec, pos)
end

walk_fields = function(specs, ctx, start)
  local items, pos = {}, start
  for _, spec in ipairs(specs) do
    local step, ok
    step, pos, ok = walk_field(ctx, spec, pos)
    for _, it in ipairs(step) do table.insert(items, it) end
    if not ok then return items, pos, false end
  end
  return items, pos, true
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function has_error(notes)
  for _, n in ipairs(notes) do
    if severity_of[n.id] == "error" then return true end
  end
  return false
end

local function applies(layout, values)
  if not layout.when then return true end
  for _, v in ipairs(layout.when.values) do
    if values[layout.when.field] == v then return true end
  end
  return false
end

-- The first layout that applies and reads cleanly to the end; failing that, the first that applies.
local function choose_layout(command, ctx, start)
  local first, fallback
  for _, layout in ipairs(command.layouts) do
    local trial = { tvb = ctx.tvb, limit = ctx.limit, source_port = ctx.source_port, values = copy(ctx.values), notes = {} }
    local items, stop, ok = walk_fields(layout.fields, trial, start)
    local result = { layout = layout, items = items, stop = stop, ok = ok, notes = trial.notes, values = trial.values }
    first = first or result
    if applies(layout, trial.values) then
      if ok and stop == ctx.limit and not has_error(trial.notes) then return result end
      fallback = fallback or result
    end
  end
  return fallback or first
end

-- Decoding: header, the command's best layout, then anything left over -------------------------

local function append_all(list, more)
  for _, x in ipairs(more) do table.insert(list, x) end
end

local function decode_with(tvb, pinfo, direction, header, command, code)
  local ctx = { tvb = tvb, limit = tvb:len(), source_port = pinfo.src_port, values = {}, notes = {} }
  local items, stop, ok = walk_fields(header, ctx, 0)
  local decoded = { direction = direction, command = command, code = code, items = items, notes = ctx.notes }
  if ok and command then
    local chosen = choose_layout(command, ctx, stop)
    append_all(items, chosen.items)
    append_all(ctx.notes, chosen.notes)
    ctx.values = chosen.values
    stop = chosen.stop
    if #command.layouts > 1 then
      decoded.layout = chosen.layout.name
      if chosen.layout.name ~= "document" then
        add_note(ctx, "layout-variant", string.format("layout variant used: %s (%s)", chosen.layout.name, chosen.layout.source))
      end
    end
    for _, quirk in ipairs(chosen.layout.quirks or {}) do
      for _, it in ipairs(chosen.items) do
        if it.name == quirk.field then
          if it.length > 0 and tvb:range(it.offset, 1):uint() == quirk.first_byte then add_note(ctx, "quirk", quirk.note, it) end
          break
        end
      end
    end
    check_command(ctx, command.checks)
  elseif ok then
    add_note(ctx, "unknown-command", string.format("unknown command 0x%04x in %s: body shown as unknown bytes", code, direction))
    local rest
    rest, stop = walk_fields({ TABLES.generic.unknown_body }, ctx, stop)
    append_all(items, rest)
  end
  if stop < tvb:len() then
    local n = tvb:len() - stop
    add_note(ctx, "malformed", string.format("%d trailing byte%s after the last field", n, n == 1 and "" or "s"))
    append_all(items, (walk_fields({ TABLES.generic.trailing }, ctx, stop)))
  end
  decoded.values = ctx.values
  return decoded
end

-- Too short for a header, or another protocol version: what there is, shown raw.
local function undecoded(tvb, direction, specs, note_id, message)
  local ctx = { tvb = tvb, limit = tvb:len(), values = {}, notes = {} }
  local items = walk_fields(specs, ctx, 0)
  add_note(ctx, note_id, message)
  return { direction = direction, items = items, notes = ctx.notes, values = ctx.values }
end

-- Client variants ----------------------------------------------------------------------------------
-- As src/dissect/variant-choice.ts: while a session is undecided, each client packet is read every way
-- and each way is priced by its notes, the size of its numbers and how SEQ_NUM runs on; a clear lead
-- decides the session. The server's packets to a client follow its session's leading way. The first
-- pass sees the frames in order and records each frame's way; later passes (Wireshark redissects a
-- frame on every click) repeat it instead of weighing again.

local choice = TABLES.choice
local sessions, frame_ways = {}, {}
function proto.init()
  sessions, frame_ways = {}, {}
end

-- The header and command a variant reads `code` with, and the variant's name when it changes them
-- (the readings were derived in TypeScript; nil variant: the document's).
local function reading_in(variant, direction, code)
  local command = TABLES.commands[direction][code]
  local header = direction == "server-to-client" and TABLES.headers.server
    or (command and command.no_uin) and TABLES.headers.client_no_uin or TABLES.headers.client
  local readings = variant and variant.readings[direction]
  local changed = readings and (command and readings.codes[code] or not command and readings.unknown)
  if not changed then return header, command, nil end
  return variant.headers[changed.header], changed.command or command, variant.name
end

local function new_session()
  local ways = { { cost = 0, complaints = 0, runs = 0 } }
  for _, variant in ipairs(TABLES.variants) do table.insert(ways, { variant = variant, cost = 0, complaints = 0, runs = 0 }) end
  return { ways = ways, packets = 0 }
end

-- Bits of magnitude of every integer read: small numbers (high bytes 0) are the likelier order.
local function magnitude(items)
  local bits = 0
  for _, it in ipairs(items) do
    if type(it.value) == "number" and it.length >= 2 then bits = bits + math.log(it.value % 4294967296 + 1, 2) end
    if it.children then bits = bits + magnitude(it.children) end
  end
  return bits
end

local function weigh(way, decoded)
  for _, n in ipairs(decoded.notes) do
    way.cost = way.cost + choice.cost[severity_of[n.id]]
    way.complaints = way.complaints + 1
    way.example = way.example or n.message
  end
  way.cost = way.cost + magnitude(decoded.items) / 8
  if decoded.command and decoded.command.name == choice.ack_command then return end
  local seq = decoded.values[choice.run_field]
  if type(seq) ~= "number" then return end
  if way.last_seq and seq - way.last_seq >= 1 and seq - way.last_seq <= 3 then
    way.cost = way.cost - choice.run_bonus
    way.runs = way.runs + 1
  end
  way.last_seq = seq
end

-- The cheapest way and the next (the first listed wins a tie: the document's).
local function ranked(ways)
  local best, next_best
  for _, way in ipairs(ways) do
    if not best or way.cost < best.cost then
      best, next_best = way, best
    elseif not next_best or way.cost < next_best.cost then
      next_best = way
    end
  end
  return best, next_best
end

local function plural(n, word) return string.format("%d %s%s", n, word, n == 1 and "" or "s") end

-- How one way read the packets so far: its complaints (the first quoted) and how often SEQ_NUM ran on.
local function way_reading(way)
  local said = way.complaints == 0 and "without a complaint" or string.format('with %s (first: "%s")', plural(way.complaints, "complaint"), way.example)
  return said .. (way.runs > 0 and string.format(", %s running on %s", choice.run_field, plural(way.runs, "time")) or "")
end

local function decision_text(chosen, ways)
  local others = {}
  for _, way in ipairs(ways) do
    if way ~= chosen then
      table.insert(others, string.format("in %s, %s", way.variant and way.variant.name .. "'s" or "the document's", way_reading(way)))
    end
  end
  local variant = chosen.variant
  return string.format("client variant %s chosen for this session (%s): in its byte orders the packets so far read %s; %s",
    variant.name, variant.description, way_reading(chosen), table.concat(others, "; "))
end

-- A client packet of a session: its way (and the note saying why), and its reading when weighed.
local function choose(key, read)
  local session = sessions[key] or new_session()
  sessions[key] = session
  if session.decided then return { variant = session.decided.variant } end
  session.packets = session.packets + 1
  local readings = {}
  for _, way in ipairs(session.ways) do
    readings[way] = read(way.variant)
    weigh(way, readings[way])
  end
  local best, next_best = ranked(session.ways)
  local way = { variant = best.variant }
  if not next_best or next_best.cost - best.cost >= choice.decisive_lead or session.packets >= choice.max_undecided_packets then
    session.decided = best
    way.note = best.variant and decision_text(best, session.ways)
  elseif best.variant then
    way.note = string.format("read as %s (%s): leading, not settled yet", best.variant.name, best.variant.description)
  end
  return way, readings[best]
end

-- The way a session reads so far (decided, or leading); nil: the document's.
local function leading(key)
  local session = sessions[key]
  return session and (session.decided or ranked(session.ways)).variant
end

local function endpoint(address, port) return tostring(address) .. ":" .. port end

local function read_in_session(pinfo, direction, read)
  local client, server = endpoint(pinfo.src, pinfo.src_port), endpoint(pinfo.dst, pinfo.dst_port)
  local way, decoded = frame_ways[pinfo.number], nil
  if not way then
    if direction == "client-to-server" then
      way, decoded = choose(client .. " " .. server, read)
    else
      way = { variant = leading(server .. " " .. client) }
    end
    frame_ways[pinfo.number] = way
  end
  decoded = decoded or read(way.variant)
  if way.note then add_note(decoded, "client-variant", way.note) end
  return decoded
end

local function decode_udp(tvb, pinfo)
  local direction = pinfo.src_port == TABLES.server_port and "server-to-client" or "client-to-server"
  local len = tvb:len()
  if len < 4 then
    local message = len == 0 and "empty payload" or string.format("packet too short: %d bytes, a header needs %d", len, direction == "client-to-server" and 10 or 6)
    return undecoded(tvb, direction, { TABLES.generic.too_short }, "malformed", message)
  end
  local version = tvb:range(0, 2):le_uint()
  if version ~= 2 then
    local version_spec = copy(TABLES.headers.server[1])
    version_spec.expected = nil
    return undecoded(tvb, direction, { version_spec, TABLES.generic.not_v2 }, "not-v2", string.format("version %d is not 2: not decoded as ICQ v2", version))
  end
  local code = tvb:range(2, 2):le_uint()
  local function read(variant)
    local header, command, variant_name = reading_in(variant, direction, code)
    local decoded = decode_with(tvb, pinfo, direction, header, command, code)
    decoded.variant = variant_name
    return decoded
  end
  return read_in_session(pinfo, direction, read)
end

local function decode_peer(tvb, pinfo)
  local direction = "peer-to-peer"
  local len = tvb:len()
  if len < 3 then return undecoded(tvb, direction, { TABLES.generic.too_short }, "malformed", string.format("packet too short: %d bytes", len)) end
  local decoded
  if tvb:range(2, 1):uint() == TABLES.channel_init_code then
    decoded = decode_with(tvb, pinfo, direction, {}, TABLES.commands[direction][TABLES.channel_init_code], TABLES.channel_init_code)
  else
    local code = len >= 10 and tvb:range(8, 2):le_uint() or 0
    local command = TABLES.commands[direction][code]
    decoded = decode_with(tvb, pinfo, direction, command and {} or TABLES.headers.peer, command, code)
  end
  local declared = tvb:range(0, 2):le_uint()
  if declared ~= len - 2 then
    table.insert(decoded.notes, { id = "malformed", message = string.format("LENGTH says %d bytes, %d present", declared, len - 2) })
  end
  return decoded
end

-- Drawing ------------------------------------------------------------------------------------------

local function draw_item(tree, tvb, it, drawn)
  local range = (it.offset < tvb:len() or it.length == 0) and tvb:range(it.offset, it.length) or nil
  local node
  local field = pf[it.name] and pf[it.name][it.class]
  if not field then
    -- Cut fields and the items of a repeated group: text only.
    local label = it.name .. ": " .. it.display
    node = range and tree:add(range, label) or tree:add(label)
  elseif it.class == "none" then
    node = tree:add(field, range)
    node:set_text(it.name .. ": " .. it.display)
  elseif it.class == "ipv4" or it.class == "bytes" then
    node = tree:add(field, range)
  else
    node = tree:add(field, range, it.value)
    -- A text's reading (TEXT_CODE, the AUTHORIZE digit) replaces the label; the field keeps the text.
    if it.display then node:set_text(it.name .. ": " .. it.display) end
  end
  drawn[it] = node
  for _, child in ipairs(it.children or {}) do draw_item(node, tvb, child, drawn) end
end

local function summary(decoded)
  local command = decoded.command
  if not command then
    return decoded.code and string.format("unknown 0x%04x", decoded.code) or "undecoded"
  end
  if not command.summary then return command.name end
  local shown = {}
  for _, it in ipairs(decoded.items) do
    if shown[it.name] == nil then shown[it.name] = it.display end
  end
  -- A field's reading where it has one (a text code, a count, a container), else its latest value (as walk.ts keeps them).
  local function fill(run)
    return (run:gsub("{([%w_]+)}", function(name)
      local v = shown[name]
      if v == nil then v = decoded.values[name] end
      return v == nil and "" or tostring(v)
    end))
  end
  -- A part in brackets is shown only when every field it names reads as something (src/format/info.ts).
  local filled = fill(command.summary:gsub("%[([^%]]*)%]", function(run)
    for name in run:gmatch("{([%w_]+)}") do
      local v = shown[name] or decoded.values[name]
      if v == nil or tostring(v) == "" then return "" end
    end
    return fill(run)
  end))
  return command.name .. " " .. filled
end

local function draw(decoded, tvb, pinfo, tree)
  local root = tree:add(proto, tvb())
  root:append_text(", " .. summary(decoded))
  if decoded.command and decoded.command.named_by then
    root:append_text(string.format(" (named by %s, not in the document)", decoded.command.named_by))
  end
  root:add(pf_key.direction, decoded.direction):set_generated()
  if decoded.direction == "peer-to-peer" and decoded.code then
    root:add(pf.COMMAND.uint, decoded.code):set_generated()
  end
  if decoded.layout then root:add(pf_key.layout, decoded.layout):set_generated() end
  if decoded.variant then root:add(pf_key.variant, decoded.variant):set_generated() end
  local drawn = {}
  for _, it in ipairs(decoded.items) do draw_item(root, tvb, it, drawn) end
  for _, n in ipairs(decoded.notes) do
    local at = (n.item and drawn[n.item]) or root
    at:add_proto_expert_info(experts[n.id], n.message)
  end
  return root
end

local function set_info(pinfo, text, first)
  pinfo.cols.protocol = "ICQ2"
  if first then pinfo.cols.info = text else pinfo.cols.info:append("; " .. text) end
end

-- Peer TCP: one PDU is LENGTH (u16 LE) + 2 bytes ---------------------------------------------------

local peer_codes = {}
for code in pairs(TABLES.commands["peer-to-peer"]) do
  if code ~= TABLES.channel_init_code then peer_codes[code] = true end
end

-- Does a peer PDU body (what follows LENGTH) start at `at`? CHANNEL_INIT: FF 02/03 00 00 00; else VERSION 2/3 then a peer command.
local function body_at(tvb, at)
  local len = tvb:len() - at
  if len >= 5 and tvb:range(at, 1):uint() == TABLES.channel_init_code and PEER_VERSIONS[tvb:range(at + 1, 1):uint()] and tvb:range(at + 2, 3):uint() == 0 then
    return true
  end
  return len >= 8 and PEER_VERSIONS[tvb:range(at + 4, 2):le_uint()] and peer_codes[tvb:range(at + 6, 2):le_uint()] or false
end

local first_in_frame = true

local function dissect_peer_pdu(tvb, pinfo, tree)
  local decoded = decode_peer(tvb, pinfo)
  draw(decoded, tvb, pinfo, tree)
  set_info(pinfo, summary(decoded), first_in_frame)
  first_in_frame = false
  return tvb:len()
end

-- Senders often write LENGTH and the body in two segments; when the first was not recognised, the body
-- arrives alone and its LENGTH is rebuilt from its size.
local function dissect_lone_body(tvb, pinfo, tree)
  local len = tvb:len()
  local bytes = ByteArray.new()
  bytes:set_size(2)
  bytes:set_index(0, len % 256)
  bytes:set_index(1, math.floor(len / 256) % 256)
  bytes:append(tvb:bytes())
  local whole = bytes:tvb("ICQ2 peer PDU")
  local decoded = decode_peer(whole, pinfo)
  table.insert(decoded.notes, { id = "length-reconstructed", message = "LENGTH came in the previous TCP segment: rebuilt from the body's size" })
  draw(decoded, whole, pinfo, tree)
  set_info(pinfo, summary(decoded), true)
  return len
end

local function peer_length(tvb, _, offset)
  return tvb:range(offset, 2):le_uint() + 2
end

local function dissect_peer_stream(tvb, pinfo, tree)
  if not body_at(tvb, 2) and body_at(tvb, 0) then return dissect_lone_body(tvb, pinfo, tree) end
  first_in_frame = true
  dissect_tcp_pdus(tvb, tree, 2, peer_length, dissect_peer_pdu, true)
  return tvb:len()
end

local function heuristic(tvb, pinfo, tree)
  if not (body_at(tvb, 2) or body_at(tvb, 0)) then return false end
  pinfo.conversation = proto
  dissect_peer_stream(tvb, pinfo, tree)
  return true
end

function proto.dissector(tvb, pinfo, tree)
  if pinfo.port_type == PT_TCP then return dissect_peer_stream(tvb, pinfo, tree) end
  local decoded = decode_udp(tvb, pinfo)
  draw(decoded, tvb, pinfo, tree)
  set_info(pinfo, summary(decoded), true)
  return tvb:len()
end

DissectorTable.get("udp.port"):add(TABLES.server_port, proto)
proto:register_heuristic("tcp", heuristic)
