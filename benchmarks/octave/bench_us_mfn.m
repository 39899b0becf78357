pkg load optim
global N S TARIFFs
mycalculations
LAMBDABAS=double(LAMBDABAS);
tic;
[T G E W]=mymfnoptimaltariffj(7,TARIFFs,LAMBDABAS,0,10);
el=toc;
printf("seconds %.2f\n", el);
printf("median %.4f\n", 100*median(T));
printf("welfare %.5f\n", 100*(G(7)-1));
load MFNOPTIMALTARIFFBAS
printf("maxdiff %.5f\n", max(abs(T-MFNOPTIMALTARIFFBAS(:,7))));
