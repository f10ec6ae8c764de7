#!/usr/bin/env bash
# What interceptors cost in a real command-line build: the synthetic project of eng/generator-build-cost.sh
# (1,000 annotated methods in 100 repositories) plus 100 files of 100 calls made on the repository classes
# (10,000 call sites), built cold (--no-incremental) with interceptors on and off, alternately. Prints the
# CachingGen generator's time (-p:ReportAnalyzer=true), the whole build's wall time, and the size of the C# the
# interceptors add.
#   bash eng/interceptor-build-cost.sh [runs]    (default 3 runs each)
set -uo pipefail
runs="${1:-3}"
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d /tmp/cachinggen-interceptorcost.XXXXXX)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
dotnet build -c Release src/CachingGen/CachingGen.csproj >/dev/null || exit 1
dotnet run -c Release --project tests/CachingGen.Benchmarks -- --write-synthetic-calls "$work/src" >/dev/null || exit 1

for mode in on off; do
  mkdir -p "$work/$mode"
  cp "$work"/src/*.cs "$work/$mode/"
  echo '<Project></Project>' > "$work/$mode/Directory.Build.props"
  echo '<Project></Project>' > "$work/$mode/Directory.Packages.props"
  # Off: the opt-out, with its per-call notes silenced, so that neither side prints 10,000 diagnostics.
  namespaces="<CachingGenInterceptors>false</CachingGenInterceptors><NoWarn>CG0023;CG0024;CG0025</NoWarn>"
  [ "$mode" = on ] && namespaces="<InterceptorsNamespaces>CachingGen.Generated</InterceptorsNamespaces><EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>"
  cat > "$work/$mode/Synthetic.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings>$namespaces</PropertyGroup>
  <ItemGroup>
    <Reference Include="$repo/src/CachingGen/bin/Release/net10.0/CachingGen.dll" />
    <Analyzer Include="$repo/src/CachingGen.Generator/bin/Release/netstandard2.0/CachingGen.Generator.dll" />
  </ItemGroup>
</Project>
XML
  dotnet restore "$work/$mode" >/dev/null || exit 1
done

echo "| interceptors | run | CachingGen generator | whole build (wall) |"
echo "|---|---:|---:|---:|"
for ((run = 1; run <= runs; run++)); do
  for mode in off on; do
    log="$work/$mode.log"
    start=$(date +%s.%N)
    dotnet build "$work/$mode" --no-restore --no-incremental -p:ReportAnalyzer=true -v:detailed -p:UseSharedCompilation=false > "$log" 2>&1 || { tail -20 "$log"; exit 1; }
    end=$(date +%s.%N)
    generator=$(sed -n '/Total generator execution time/,$p' "$log" | grep -E "^\s+[0-9.]+\s+[0-9]+\s+CachingGen.Generator" | head -1 | awk '{print $1}')
    printf '| %s | %d | %s s | %.2f s |\n' "$mode" "$run" "${generator:-?}" "$(echo "$end - $start" | bc)"
  done
done

# What the interceptors add to the compilation (the "on" project keeps its generated files): the bodies with their
# [InterceptsLocation] lines (CachingGen.Calls.*), and the per-calling-file forwards of earlier versions if any.
generated="$(find "$work/on/obj" -type d -name CachingGen.Generator.CachingGenGenerator | head -1)"
if [ -n "$generated" ]; then
  bytes=$(cat "$generated"/CachingGen.Calls.* "$generated"/CachingGen.Interceptors.* 2>/dev/null | wc -c)
  printf 'generated C# for 10,000 intercepted calls: %s bytes (%s per call site)\n' "$bytes" "$((bytes / 10000))"
fi
