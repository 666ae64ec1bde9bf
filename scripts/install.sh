#!/usr/bin/env bash
# Installs sgw as a service: builds the release binary, installs it with its resources folder under PREFIX
# (default /opt/sgw), puts `sgw` on the PATH (/usr/local/bin/sgw), creates the `sgw` system user, the configuration
# folder (/etc/sgw, seeded with the shipped adapters, mappings and destinations when it is empty), the data folder
# (/var/lib/sgw) and the systemd unit `sgw.service` (enabled and started when systemd runs this machine).
# Run as root from a checkout: `sudo bash scripts/install.sh`. Safe to run again: an upgrade keeps /etc/sgw and
# /var/lib/sgw, and restarts the service.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/opt/sgw}
config=${SGW_CONFIG_DIR:-/etc/sgw}
data=${SGW_DATA_DIR:-/var/lib/sgw}
if [ "$(id -u)" -ne 0 ]; then echo "install: run as root (sudo bash scripts/install.sh)" >&2; exit 1; fi

bash scripts/setup-system.sh
echo "install: building the release binary (a few minutes the first time)" >&2
swift build -c release --product sgw >&2
bin=$(swift build -c release --show-bin-path)

id -u sgw >/dev/null 2>&1 || useradd --system --home-dir "$data" --shell /usr/sbin/nologin sgw
install -d -m 0755 "$prefix/bin"
install -m 0755 "$bin/sgw" "$prefix/bin/sgw"
# The bundled calendars and profiles are read from beside the binary.
rm -rf "$prefix/bin/sgw_SGWCore.resources"
cp -R "$bin/sgw_SGWCore.resources" "$prefix/bin/"
# And the console's templates and stylesheet.
rm -rf "$prefix/bin/sgw_SGWConsole.resources"
cp -R "$bin/sgw_SGWConsole.resources" "$prefix/bin/"
ln -sf "$prefix/bin/sgw" /usr/local/bin/sgw

install -d -m 0750 -o root -g sgw "$config"
if [ -z "$(ls -A "$config" 2>/dev/null)" ]; then
  cp -R adapters mappings destinations "$config/"
  # The shipped file adapters read examples/inbox in the checkout; an installed gateway reads its own inbox.
  sed -i "s|^\(\s*inbox:\s*\).*|\1$data/inbox|" "$config"/adapters/*.yaml
  printf '# sgw serve: see docs/operations.md, "The gateway file".\nlisten:\n  host: 127.0.0.1\n  port: 8080\ndata: %s\n' "$data" \
    > "$config/gateway.yaml"
  chgrp -R sgw "$config"
fi
install -d -m 0750 -o sgw -g sgw "$data" "$data/inbox"
install -d -m 0750 -o root -g sgw /etc/sgw
[ -f /etc/sgw/environment ] || install -m 0640 -o root -g sgw /dev/null /etc/sgw/environment

cat > /etc/systemd/system/sgw.service <<UNIT
[Unit]
Description=sgw, the approval-supervision interop gateway
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=sgw
Group=sgw
# Secrets (\${env:NAME} in adapters and destinations): one NAME=value a line, readable by root and sgw only.
EnvironmentFile=-/etc/sgw/environment
ExecStartPre=$prefix/bin/sgw check $config
ExecStart=$prefix/bin/sgw serve --config $config --data $data
ExecReload=/bin/kill -HUP \$MAINPID
KillSignal=SIGTERM
TimeoutStopSec=60
Restart=on-failure
RestartSec=5
NoNewPrivileges=true
ProtectSystem=strict
ReadWritePaths=$data
PrivateTmp=true

[Install]
WantedBy=multi-user.target
UNIT

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable sgw.service >/dev/null
  systemctl restart sgw.service
  echo "install: sgw.service started; 'systemctl status sgw' and 'journalctl -u sgw' show it" >&2
else
  echo "install: systemd does not run this machine; the unit is in /etc/systemd/system/sgw.service" >&2
fi
echo "install: $(sgw --version) at $prefix/bin/sgw (on the PATH as /usr/local/bin/sgw); configuration in $config, data in $data" >&2
