# Installs the explainer binary of a GitHub release on Windows, after checking it against the
# release's SHA-256 checksums. Each release carries this script as `install.ps1`:
#
#   powershell -ExecutionPolicy Bypass -c "irm https://github.com/OWNER/explainer/releases/latest/download/install.ps1 | iex"
#
# Settings, all optional, as environment variables: EXPLAINER_VERSION (default: the latest release),
# EXPLAINER_RELEASES (the releases address), EXPLAINER_INSTALL (default: %LOCALAPPDATA%\explainer).
$ErrorActionPreference = 'Stop'

# The release workflow writes its repository's releases address here.
$releases = if ($env:EXPLAINER_RELEASES) { $env:EXPLAINER_RELEASES } else { '@EXPLAINER_RELEASES@' }
$releases = $releases.TrimEnd('/')
$dir = if ($env:EXPLAINER_INSTALL) { $env:EXPLAINER_INSTALL } else { Join-Path $env:LOCALAPPDATA 'explainer' }
$from = if ($env:EXPLAINER_VERSION) { "$releases/download/v$($env:EXPLAINER_VERSION.TrimStart('v'))" } else { "$releases/latest/download" }
$archive = 'explainer-x86_64-pc-windows-msvc.zip'

$work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
New-Item -ItemType Directory -Path $work | Out-Null
try {
    foreach ($file in @($archive, 'SHA256SUMS')) {
        Invoke-WebRequest -UseBasicParsing -Uri "$from/$file" -OutFile (Join-Path $work $file)
    }
    $line = Get-Content (Join-Path $work 'SHA256SUMS') | Where-Object { $_ -match "^[0-9a-f]{64}  $([regex]::Escape($archive))$" }
    if (-not $line) { throw "$from/SHA256SUMS lists no checksum for $archive" }
    $expected = $line.Substring(0, 64)
    $actual = (Get-FileHash -Algorithm SHA256 (Join-Path $work $archive)).Hash.ToLowerInvariant()
    if ($actual -ne $expected) {
        throw "$archive does not match its SHA-256 checksum ($actual, not $expected): the download was changed or damaged, so nothing was installed"
    }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Expand-Archive -Force -Path (Join-Path $work $archive) -DestinationPath $dir
} finally {
    Remove-Item -Recurse -Force $work
}
$path = [Environment]::GetEnvironmentVariable('Path', 'User')
if (($path -split ';') -notcontains $dir) {
    [Environment]::SetEnvironmentVariable('Path', "$path;$dir", 'User')
    Write-Output "Added $dir to your Path: open a new terminal to run explainer by name."
}
Write-Output "Installed $(& (Join-Path $dir 'explainer.exe') --version) in $dir"
