"""A line client for the chat server, for a terminal without `nc`: what you type goes to the
server, line by line; what the server sends is printed as it comes. Ctrl-D or Ctrl-C ends it.

    python3 exercises/chat/client.py [HOST [PORT]]     (localhost 7000 by default)
"""

import socket
import sys
import threading


def print_what_comes(sock):
    while data := sock.recv(4096):
        sys.stdout.write(data.decode("utf-8", errors="replace"))
        sys.stdout.flush()
    print("(the server closed the connection)")


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "localhost"
    port = sys.argv[2] if len(sys.argv) > 2 else "7000"
    if len(sys.argv) > 3 or not port.isdigit() or not 0 < int(port) < 65536:
        sys.exit(f"usage: client.py [HOST [PORT]]; bad port or argument: {sys.argv[1:]}")
    try:
        sock = socket.create_connection((host, int(port)), timeout=10)
    except OSError as e:
        sys.exit(f"client.py: cannot connect to {host}:{port}: {e}")
    sock.settimeout(None)
    threading.Thread(target=print_what_comes, args=(sock,), daemon=True).start()
    try:
        for line in sys.stdin:
            sock.sendall(line.encode("utf-8"))
    except KeyboardInterrupt:
        pass
    sock.close()


if __name__ == "__main__":
    main()
