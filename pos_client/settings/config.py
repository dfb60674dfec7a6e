"""One typed settings object, from a TOML file and ``POS_CLIENT_<SECTION>_<KEY>`` variables.

Unknown keys and bad values are refused at start-up with the key's name in the message
(automation.md). The token is read from ``token`` or from ``token_file``, which must not be
readable by others.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import ntpath
import os
import posixpath
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

import platformdirs

from ..domain.errors import ConfigError, Texts, texts
from .file_access import others_can_read, warn_unchecked

APP_NAME = "pos-client"
ENV_CONFIG = "POS_CLIENT_CONFIG"
ENV_PREFIX = "POS_CLIENT_"


# The values a key may take (messages list them in this order; never rename one: they are
# in stores' configuration files).
Language = Literal["fa", "en"]
MoneyUnit = Literal["rial", "toman"]
PrinterKind = Literal["none", "dummy", "file", "network", "usb", "serial", "cups", "win32raw"]
Raster = Literal["auto", "compact", "full"]
InputKind = Literal["wedge", "serial", "none"]
ScaleKind = Literal["serial", "none"]
ScaleProtocol = Literal["toledo8217", "cas"]
DisplayKind = Literal["none", "window", "pole"]


@dataclass
class CentralSettings:
    url: str = "http://127.0.0.1:8700/"
    token: str = field(default="", repr=False)
    token_file: str = ""
    ca_bundle: str = ""
    timeout_s: float = 5.0


@dataclass
class TerminalSettings:
    data_dir: str = ""
    language: Language = "fa"
    money_unit: MoneyUnit = "rial"


@dataclass
class PrinterSettings:
    kind: PrinterKind = "none"
    path: str = ""
    host: str = ""
    port: int = 9100
    usb: str = ""
    url: str = ""
    baudrate: int = 9600
    cups_name: str = ""
    win32_name: str = ""  # kind win32raw: a Windows printer's name; empty = the default
    width_dots: int = 576
    drawer: bool = False
    timeout_s: float = 10.0
    # How receipts go on the wire: "compact" sends only the ink (blank bands are a feed,
    # each band as wide as its ink); "full" sends every row at full width; "auto" is
    # compact on a serial printer, where the wire is slower than the paper, full elsewhere.
    raster: Raster = "auto"


@dataclass
class InputDeviceSettings:
    kind: InputKind = "wedge"
    url: str = ""
    baudrate: int = 9600


@dataclass
class MetricsSettings:
    listen: str = ""  # "127.0.0.1:9464" serves Prometheus metrics; empty: off
    offline_minutes: int = 10  # `pos-client health`: offline longer than this needs a person
    probe_interval_s: float = 30.0  # serve-metrics: how often the service and printer are asked


@dataclass
class ScaleSettings:
    """``[scale]``: a serial counter scale and the store's label-scale barcode layout."""

    kind: ScaleKind = "none"
    url: str = ""
    protocol: ScaleProtocol = "toledo8217"
    baudrate: int = 9600
    label_layout: str = ""


@dataclass
class CardTerminalSettings:
    """``[card_terminal]``: the store's bank card reader (PC-POS); see docs/pcpos.md."""

    kind: str = "none"  # none (the cashier types the reference) | sadad | a module in kinds/
    host: str = ""
    port: int = 8888
    url: str = ""  # a pyserial URL instead of host/port
    baudrate: int = 115200
    timeout_s: float = 5.0  # each INM and REQUEST waits this long for its ACK (3 tries)
    response_timeout_s: float = 180.0  # the customer at the reader


@dataclass
class CustomerDisplaySettings:
    kind: DisplayKind = "none"  # "window": a second-screen window; "pole": a 2x20 serial VFD
    screen: int = 1  # window: which screen (0 is the first); a missing one falls back
    url: str = ""  # pole: pyserial URL (/dev/ttyUSB1, COM4, socket://..., loop://)
    baudrate: int = 9600
    # pole: such displays cannot shape Persian; the figures go in digits after these labels
    label_total: str = "TOTAL"
    label_coupon: str = "COUPON"
    label_pay: str = "PAY"
    label_welcome: str = "WELCOME"
    label_void: str = "VOID"


@dataclass
class Settings:
    central: CentralSettings = field(default_factory=CentralSettings)
    terminal: TerminalSettings = field(default_factory=TerminalSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    scanner: InputDeviceSettings = field(default_factory=InputDeviceSettings)
    card_reader: InputDeviceSettings = field(default_factory=InputDeviceSettings)
    metrics: MetricsSettings = field(default_factory=MetricsSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    card_terminal: CardTerminalSettings = field(default_factory=CardTerminalSettings)
    customer_display: CustomerDisplaySettings = field(default_factory=CustomerDisplaySettings)
    source: str = ""
    token_in_file: str = ""  # the configuration file that holds ``central.token``, if one does

    @property
    def data_path(self) -> Path:
        return Path(self.terminal.data_dir)

    def central_token(self) -> str:
        """The terminal token, from ``token`` or ``token_file``. A file that holds it (the
        token file, or the configuration file when ``token`` is written there) must not
        be readable by others."""
        if self.central.token:
            if self.token_in_file:
                _check_private(Path(self.token_in_file), "central.token")
            return self.central.token
        if not self.central.token_file:
            return ""
        path = Path(self.central.token_file)
        try:
            _check_private(path, "central.token_file")
            return path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError.from_code("config_invalid:token_unreadable",
                                        key="central.token_file", path=path, why=exc.strerror,
                                        detail="central.token_file") from exc


def _check_private(path: Path, key: str) -> None:
    """Refuse a file that holds the token when others may read it (POSIX mode bits, or
    the file's ACL on Windows; where that cannot be checked, the log says so plainly)."""
    try:
        path.stat()
    except OSError as exc:
        raise ConfigError.from_code("config_invalid:token_unreadable", key=key, path=path,
                                    why=exc.strerror, detail=key) from exc
    exposed = others_can_read(path)
    if exposed is None:
        warn_unchecked(path)
    if exposed:
        raise ConfigError.from_code(
            "config_invalid:token_exposed", key=key, path=path,
            detail=key)


SECTIONS: dict[str, type] = {
    "central": CentralSettings, "terminal": TerminalSettings, "printer": PrinterSettings,
    "scanner": InputDeviceSettings, "card_reader": InputDeviceSettings,
    "metrics": MetricsSettings,
    "scale": ScaleSettings,
    "card_terminal": CardTerminalSettings,
    "customer_display": CustomerDisplaySettings,
}
CHOICES: dict[str, tuple[str, ...]] = {
    "terminal.language": get_args(Language),
    "terminal.money_unit": get_args(MoneyUnit),
    "printer.kind": get_args(PrinterKind),
    "scanner.kind": get_args(InputKind),
    "card_reader.kind": get_args(InputKind),
    "printer.width_dots": ("576", "384"),
    "printer.raster": get_args(Raster),
    "scale.kind": get_args(ScaleKind),
    "scale.protocol": get_args(ScaleProtocol),
    "customer_display.kind": get_args(DisplayKind),
}


def _bad(key: str, why: Texts) -> ConfigError:
    return ConfigError.from_code("config_invalid", key=key, why=why, detail=key)


def _coerce(key: str, kind: Any, value: Any, from_env: bool) -> Any:
    if get_origin(kind) is Literal:  # a string from CHOICES, checked by ``_validate``
        kind = str
    if from_env and isinstance(value, str):
        try:
            if kind is bool:
                lowered = value.strip().lower()
                if lowered not in ("1", "0", "true", "false", "yes", "no"):
                    raise ValueError(value)
                return lowered in ("1", "true", "yes")
            if kind is int:
                return int(value)
            if kind is float:
                return float(value)
        except ValueError as exc:
            raise _bad(key, texts("config_invalid:bad_value", value=value)) from exc
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise _bad(key, texts("config_invalid:type", type=kind.__name__))
    return value


def _apply(settings: Settings, section: str, key: str, value: Any, from_env: bool,
           label: str = "") -> None:
    section_obj = getattr(settings, section)
    hints = get_type_hints(type(section_obj))
    name = f"{section}.{key}" + (f" ({label})" if label else "")
    if key not in hints:
        raise _bad(name, texts("config_invalid:unknown_key"))
    setattr(section_obj, key, _coerce(name, hints[key], value, from_env))


def _validate(settings: Settings) -> None:
    for name, allowed in CHOICES.items():
        section, key = name.split(".")
        value = str(getattr(getattr(settings, section), key))
        if value not in allowed:
            raise _bad(name, texts("config_invalid:choice", allowed=", ".join(allowed),
                                   value=value))
    if settings.central.timeout_s <= 0 or settings.central.timeout_s > 120:
        raise _bad("central.timeout_s", texts("config_invalid:timeout_range"))
    check_central_url(settings.central.url)
    if settings.central.ca_bundle and not Path(settings.central.ca_bundle).is_file():
        raise _bad("central.ca_bundle", texts("config_invalid:not_a_file"))
    if not 0 < settings.printer.port < 65536:
        raise _bad("printer.port", texts("config_invalid:tcp_port"))
    check_serial_port("printer.url", settings.printer.url)
    check_serial_port("scanner.url", settings.scanner.url)
    check_serial_port("card_reader.url", settings.card_reader.url)
    check_serial_port("scale.url", settings.scale.url)
    check_serial_port("card_terminal.url", settings.card_terminal.url)
    if settings.metrics.listen:
        parse_listen(settings.metrics.listen)
    if settings.metrics.offline_minutes < 1:
        raise _bad("metrics.offline_minutes", texts("config_invalid:at_least_1"))
    _validate_customer_display(settings.customer_display)
    if not 1 <= settings.metrics.probe_interval_s <= 3600:
        raise _bad("metrics.probe_interval_s", texts("config_invalid:probe_range"))
    _validate_card_terminal(settings.card_terminal)
    if settings.scale.kind == "serial" and not settings.scale.url:
        raise _bad("scale.url", texts("config_invalid:serial_scale_url"))
    if settings.scale.label_layout:
        from ..domain.label_barcode import LabelLayoutError, parse_layout
        try:
            parse_layout(settings.scale.label_layout)
        except LabelLayoutError as exc:
            raise _bad("scale.label_layout",
                       texts("config_invalid:label_layout", why=Texts(exc.fa, exc.en))) from exc


def _validate_customer_display(display: CustomerDisplaySettings) -> None:
    if display.screen < 0:
        raise _bad("customer_display.screen", texts("config_invalid:screen_number"))
    if display.kind == "pole" and not display.url:
        raise _bad("customer_display.url", texts("config_invalid:pole_url"))
    for key in ("label_total", "label_coupon", "label_pay", "label_welcome", "label_void"):
        text = getattr(display, key)
        if not text.isascii() or not text.isprintable() or len(text) > 20:
            raise _bad(f"customer_display.{key}", texts("config_invalid:pole_label"))


def parse_listen(text: str) -> tuple[str, int]:
    """``host:port`` of ``[metrics] listen`` (``[::1]:9464`` for IPv6; port 0: any free one)."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise _bad("metrics.listen", texts("config_invalid:listen", text=text))
    return host, int(port)


def _validate_card_terminal(ct: CardTerminalSettings) -> None:
    if not ct.kind.isascii() or not ct.kind.replace("_", "").isalnum():
        raise _bad("card_terminal.kind", texts("config_invalid:kind_name", kind=ct.kind))
    if not 0 < ct.port < 65536:
        raise _bad("card_terminal.port", texts("config_invalid:tcp_port"))
    if not 0 < ct.timeout_s <= 60:
        raise _bad("card_terminal.timeout_s", texts("config_invalid:reader_timeout"))
    if not ct.timeout_s <= ct.response_timeout_s <= 600:
        raise _bad("card_terminal.response_timeout_s", texts("config_invalid:response_timeout"))
    if ct.kind != "none" and not (ct.host or ct.url):
        raise _bad("card_terminal.host", texts("config_invalid:reader_address"))


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_central_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _bad("central.url", texts("config_invalid:url", url=url))
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise _bad("central.url", texts("config_invalid:https_only"))


SERIAL_URL_SCHEMES = ("loop", "socket", "rfc2217", "spy", "alt", "hwgrep", "cp2110")
_WINDOWS_PORT = re.compile(r"(\\\\\.\\)?COM[1-9][0-9]{0,2}", re.IGNORECASE)


def check_serial_port(key: str, url: str) -> None:
    """A serial device: ``COM3`` (or ``\\\\.\\COM12``) on Windows, a ``/dev/...`` path,
    or a pyserial URL (``loop://``, ``socket://``, ``rfc2217://`` ...); empty means unset."""
    if not url or _WINDOWS_PORT.fullmatch(url) or url.startswith("/"):
        return
    scheme, sep, _ = url.partition("://")
    if sep and scheme.lower() in SERIAL_URL_SCHEMES:
        return
    raise _bad(key, texts("config_invalid:serial_port", url=url))


def app_dirs(platform: str | None = None) -> platformdirs.PlatformDirsABC:
    """Where the terminal keeps its config, data and logs: the platform's user dirs, all
    under ``%LOCALAPPDATA%\\pos-client`` on Windows (never the roaming profile)."""
    if (platform or sys.platform) == "win32":
        from platformdirs.windows import Windows

        return Windows(APP_NAME, appauthor=False, roaming=False)
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


# The longest database path SQLite opens: 512 bytes on POSIX (MAX_PATHNAME, with its NUL),
# 260 characters on Windows (MAX_PATH; long-path support is off on most store PCs).
WINDOWS_MAX_PATH_CHARS = 259
POSIX_MAX_PATH_BYTES = 511
DB_FILE_WORST = "pos.db-journal"


def check_data_dir(data_dir: str, platform: str | None = None) -> None:
    """Refuse a data dir whose database path SQLite cannot open, saying so plainly."""
    if (platform or sys.platform) == "win32":
        longest = ntpath.join(ntpath.abspath(data_dir), DB_FILE_WORST)
        too_long = len(longest) > WINDOWS_MAX_PATH_CHARS
    else:
        longest = posixpath.join(posixpath.abspath(data_dir), DB_FILE_WORST)
        too_long = len(longest.encode("utf-8", "surrogateescape")) > POSIX_MAX_PATH_BYTES
    if too_long:
        raise _bad("terminal.data_dir", texts("config_invalid:data_dir_long", length=len(data_dir)))


def default_config_path() -> Path:
    return Path(app_dirs().user_config_dir) / "config.toml"


# What every sub-command is given: reads the configuration when (and only if) it needs it.
SettingsLoader = Callable[[], "Settings"]


def load_settings(path: str | Path | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Settings from ``path`` (or ``$POS_CLIENT_CONFIG``, or the user config dir) and env."""
    env = dict(os.environ if environ is None else environ)
    chosen = Path(path) if path else (Path(env[ENV_CONFIG]) if env.get(ENV_CONFIG) else None)
    settings = Settings()
    config_file = chosen or default_config_path()
    if chosen is not None or config_file.exists():
        settings.source = str(config_file)
        try:
            doc = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError.from_code("config_invalid:cannot_read_configuration",
                                        config_file=config_file, detail=str(exc)) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError.from_code("config_invalid:not_toml", config_file=config_file,
                                        why=exc, detail=str(exc)) from exc
        for section, values in doc.items():
            if section not in SECTIONS or not isinstance(values, dict):
                raise _bad(section, texts("config_invalid:unknown_section"))
            for key, value in values.items():
                _apply(settings, section, key, value, from_env=False)
        if settings.central.token:
            settings.token_in_file = str(config_file)
    for var, value in env.items():
        if not var.startswith(ENV_PREFIX) or var == ENV_CONFIG:
            continue
        rest = var[len(ENV_PREFIX):].lower()
        env_section = next((s for s in SECTIONS if rest.startswith(s + "_")), None)
        if env_section is None:
            raise _bad(var, texts("config_invalid:unknown_variable"))
        _apply(settings, env_section, rest[len(env_section) + 1:], value, from_env=True,
               label=var)
        if env_section == "central" and rest == "central_token":
            settings.token_in_file = ""  # the environment's token overrides the file's
    if not settings.terminal.data_dir:
        settings.terminal.data_dir = app_dirs().user_data_dir
    _validate(settings)
    check_data_dir(settings.terminal.data_dir)
    return settings


def settings_for(data_dir: str | Path, **sections: dict[str, Any]) -> Settings:
    """Settings made in code (tests, the demo), validated like a file."""
    settings = Settings()
    settings.terminal.data_dir = str(data_dir)
    for section, values in sections.items():
        for key, value in values.items():
            _apply(settings, section, key, value, from_env=False)
    _validate(settings)
    return settings


def as_dict(settings: Settings) -> dict[str, Any]:
    out = dataclasses.asdict(settings)
    out["central"]["token"] = "***" if settings.central.token else ""
    return out
