# @brief A real SMTP server for the tests (Debian's python3-aiosmtpd): binds 127.0.0.1 on the
# given port (0: chosen by the OS), writes the port to a file once listening, and stores each
# message received as a JSON file (envelope, decoded subject and text) in a folder. Stops on
# SIGTERM. Usage: smtp_sink.py MESSAGE_DIR PORT_FILE [PORT]
import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import sys

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "text": message.get_content(),
        }
        name = "%06d.json" % self.count
        tmp = os.path.join(self.folder, "." + name)
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.folder, name))
        return "250 OK"


async def main():
    folder, port_file = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(folder, exist_ok=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    store = Store(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(store, decode_data=False), sock=sock)
    with open(port_file + ".tmp", "w") as out:
        out.write("%d\n" % sock.getsockname()[1])
    os.rename(port_file + ".tmp", port_file)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


asyncio.run(main())
