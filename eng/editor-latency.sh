#!/usr/bin/env bash
# Editor latency at scale, as an IDE sees it: each project is opened in a Roslyn MSBuildWorkspace with every analyzer
# it references (the SDK's and CachingGen's), and keystroke-like edits are timed from the edit to the edited
# document's diagnostics (compilation with generators, compiler diagnostics, every analyzer). Two projects, each in
# three setups with the same sources:
#   large      1,000 annotated methods in 100 repositories, 10,000 calls on the classes (--write-synthetic-calls)
#   realistic  200 Dapper repositories (2,000 annotated methods), 2,000 calls in 500 files, 2,000 other files
#   none = CachingGen's attributes declared in the project (no generator, no analyzer); off = CachingGen with
#   interceptors off; on = CachingGen as installed (interceptors on).
#   bash eng/editor-latency.sh [large|realistic|both] [rounds]      (default: both, 8 rounds for large, 6 for realistic)
#   SETUPS="off on" measures only those setups.
#   CACHINGGEN_FROM=<another checkout> measures that checkout's generator and runtime (a before/after in one run).
#   CACHINGGEN_EDITS="placeholder,parameter" times only those edit kinds; KEEP=1 keeps the projects in /tmp;
#   CACHINGGEN_EDITOR_PAUSE=1 waits for Enter before the edits (attach a profiler to the printed pid);
#   CACHINGGEN_EDITOR_EACH=1 prints every edit's time.
set -uo pipefail
layouts="${1:-both}"
rounds="${2:-}"
[ "$layouts" = both ] && layouts="large realistic"
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d /tmp/cachinggen-editor.XXXXXX)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

from="${CACHINGGEN_FROM:-$repo}"
dotnet build -c Release "$from/src/CachingGen/CachingGen.csproj" -nologo -v:quiet >/dev/null || exit 1
dotnet build -c Release "$from/src/CachingGen.Generator/CachingGen.Generator.csproj" -nologo -v:quiet >/dev/null || exit 1
dotnet build -c Release tests/CachingGen.EditorLatency -nologo -v:quiet >/dev/null || exit 1
harness="$repo/tests/CachingGen.EditorLatency/bin/Release/net10.0/CachingGen.EditorLatency.dll"
packages=$(sed -n 's/.*Include="\(Npgsql\|Dapper\)" Version="\([^"]*\)".*/<PackageReference Include="\1" Version="\2" \/>/p' Directory.Packages.props | tr -d '\n')

for layout in $layouts; do
  src="$work/$layout-src"
  if [ "$layout" = large ]; then
    dotnet run -c Release --project tests/CachingGen.Benchmarks -- --write-synthetic-calls "$src" >/dev/null || exit 1
  else
    dotnet "$harness" --write-realistic "$src" || exit 1
  fi

  for setup in none off on; do
    dir="$work/$layout-$setup"
    cp -r "$src" "$dir"
    echo '<Project></Project>' > "$dir/Directory.Build.props"
    echo '<Project></Project>' > "$dir/Directory.Packages.props"
    case "$setup" in
      none)
        references=""
        properties=""
        printf 'namespace CachingGen;\n[System.AttributeUsage(System.AttributeTargets.Method)] public sealed class CachedAttribute(string ttl, string key) : System.Attribute { public string Ttl { get; } = ttl; public string Key { get; } = key; }\n[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)] public sealed class InvalidatesAttribute(string key) : System.Attribute { public string Key { get; } = key; }\n' > "$dir/CachingGenStubs.cs" ;;
      off)
        references="<Reference Include=\"$from/src/CachingGen/bin/Release/net10.0/CachingGen.dll\" /><Analyzer Include=\"$from/src/CachingGen.Generator/bin/Release/netstandard2.0/CachingGen.Generator.dll\" />"
        properties="<NoWarn>CG0023;CG0024;CG0025</NoWarn>" ;;
      on)
        references="<Reference Include=\"$from/src/CachingGen/bin/Release/net10.0/CachingGen.dll\" /><Analyzer Include=\"$from/src/CachingGen.Generator/bin/Release/netstandard2.0/CachingGen.Generator.dll\" />"
        properties="<InterceptorsNamespaces>CachingGen.Generated</InterceptorsNamespaces>" ;;
    esac
    extra=""
    [ "$layout" = realistic ] && extra="$packages"
    cat > "$dir/Editor.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings>$properties</PropertyGroup>
  <ItemGroup>$references$extra</ItemGroup>
</Project>
XML
    dotnet restore "$dir" >/dev/null || exit 1
  done

  count="$rounds"
  [ -n "$count" ] || { [ "$layout" = large ] && count=8 || count=6; }
  for setup in ${SETUPS:-none off on}; do
    echo
    echo "### $layout, $setup"
    dotnet "$harness" "$work/$layout-$setup/Editor.csproj" "$layout" "$count" || exit 1
  done
done
